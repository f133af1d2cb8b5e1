using k8s.Autorest;
using Microsoft.Extensions.Options;
using NeevCloud.Operator.Cloud;
using NeevCloud.Operator.Runtime.Managed;

namespace NeevCloud.Operator.Controllers;

/// <summary>
/// What each NeevCloud answer does to a resource's status and its next pass — the one table every kind shares,
/// in reconcile and in finalize alike (docs/failures.md lists it):
/// <list type="table">
/// <item>5xx, timeout, lost connection → Reconciling, reason CloudUnavailable, per-object back-off (a create's
/// outcome is then unknown: it is looked up before anything is created again)</item>
/// <item>429 → Reconciling, reason RateLimited, not before Retry-After (the client pauses every call meanwhile)</item>
/// <item>400 on create or update → Stalled, reason InvalidSpec; looked at again slowly, and at once on a spec change</item>
/// <item>400 on start, stop or restart → Reconciling, reason ActionRefused, back-off</item>
/// <item>401 → Stalled, reason Unauthorized; the process-wide breaker decides when the next probe goes out</item>
/// <item>403 → Stalled, reason Forbidden, naming the operation</item>
/// </list>
/// The 404s and 409s whose meaning depends on the path (a missing organization, a name conflict, a project that
/// went with its VMs) are decided by the kinds, which know the path.
/// </summary>
public sealed class CloudFailureTable(IOptions<RefreshOptions> refresh) : IFailureClassifier
{
    private static readonly HashSet<string> PowerActions = new(StringComparer.Ordinal) { "startVM", "stopVM", "restartVM" };

    public Failure Classify(Exception exception, ManagedStep step) => exception switch
    {
        FailureException known => known.Failure,
        NeevCloudApiException cloud => FromCloud(cloud, step),
        HttpOperationException kubernetes => Failure.Retry(
            "KubernetesUnavailable",
            $"a write to the Kubernetes API failed ({(int)kubernetes.Response.StatusCode} {kubernetes.Response.ReasonPhrase}); retried with back-off"),
        _ => new Failure(
            "InternalError", $"{exception.GetType().Name}: {exception.Message}; retried with back-off", FailureEffect.Retry, MayHaveTakenEffect: true),
    };

    private Failure FromCloud(NeevCloudApiException e, ManagedStep step)
    {
        var slowly = $"looked at again every {Describe(refresh.Value.Stable)} and at once when the spec changes";
        return e.Kind switch
        {
            CloudErrorKind.Transient or CloudErrorKind.Unexpected => new Failure(
                "CloudUnavailable", $"{e.Message}; retried with back-off", FailureEffect.Retry, MayHaveTakenEffect: true),
            CloudErrorKind.RateLimited => Failure.Retry(
                "RateLimited",
                $"{e.Message}; tried again in {Describe(e.RetryAfter ?? TimeSpan.FromSeconds(1))} at the earliest, as NeevCloud asked",
                e.RetryAfter ?? TimeSpan.FromSeconds(1)),
            CloudErrorKind.Validation when step == ManagedStep.Update && PowerActions.Contains(e.Operation) => Failure.Retry(
                "ActionRefused", $"NeevCloud refused {e.Operation}: {e.ServerMessage}; tried again with back-off"),
            CloudErrorKind.Validation => Failure.Stall("InvalidSpec", $"NeevCloud rejected {e.Operation}: {e.ServerMessage}; fix the spec ({slowly})"),
            CloudErrorKind.NotFound when step == ManagedStep.Create => Failure.Stall(
                "InvalidSpec", $"NeevCloud answered {e.Operation} with 404: {e.ServerMessage}; something the spec names does not exist ({slowly})"),
            CloudErrorKind.Unauthorized => Failure.Stall(
                "Unauthorized",
                $"{e.Message}; check the operator's NeevCloud credentials (the token Secret); the next attempt goes out once the credential breaker lets one through",
                e.RetryAfter ?? CredentialBreaker.FirstProbe),
            CloudErrorKind.Forbidden => Failure.Stall(
                "Forbidden", $"the operator's NeevCloud credentials may not {e.Operation} ({e.ServerMessage}); grant it, or change the spec ({slowly})"),
            CloudErrorKind.Conflict => Failure.Retry("Conflict", $"{e.Message}; retried with back-off", refresh.Value.Blocked),
            _ => Failure.Retry("CloudNotFound", $"{e.Message}; retried with back-off"),
        };
    }

    private static string Describe(TimeSpan duration) => Runtime.Durations.Describe(duration);
}

using System.Text.Json.Nodes;

namespace Integration.Tests.GitOps;

/// <summary>
/// kstatus's verdict (sigs.k8s.io/cli-utils pkg/kstatus/status, what Flux's health checks and kpt use) for a
/// custom resource, which has no type-specific rules there: only the generic ones, in this order.
/// <list type="number">
/// <item>metadata.deletionTimestamp set → Terminating;</item>
/// <item>status.observedGeneration present and not metadata.generation → InProgress;</item>
/// <item>a condition Reconciling=True → InProgress; Stalled=True → Failed;</item>
/// <item>otherwise Current — whatever Ready says, and also when there is no status at all.</item>
/// </list>
/// The last rule is why a resource must carry status.observedGeneration from its first read (the CRDs default
/// it to 0): without it, a resource the operator has not seen yet is Current.
/// </summary>
internal static class Kstatus
{
    public const string InProgress = "InProgress";
    public const string Current = "Current";
    public const string Failed = "Failed";
    public const string Terminating = "Terminating";

    public static string Compute(JsonObject resource)
    {
        var metadata = resource["metadata"]?.AsObject();
        if (metadata?["deletionTimestamp"] is JsonValue deletion && deletion.GetValue<string>().Length > 0)
        {
            return Terminating;
        }

        var status = resource["status"] as JsonObject;
        if (status?["observedGeneration"] is JsonValue observed
            && observed.GetValue<long>() != (metadata?["generation"]?.GetValue<long>() ?? 0))
        {
            return InProgress;
        }

        foreach (var condition in status?["conditions"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            var (type, value) = (condition["type"]?.GetValue<string>(), condition["status"]?.GetValue<string>());
            if (type == "Reconciling" && value == "True")
            {
                return InProgress;
            }

            if (type == "Stalled" && value == "True")
            {
                return Failed;
            }
        }

        return Current;
    }
}

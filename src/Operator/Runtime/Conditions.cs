using k8s.Models;
using NeevCloud.Crds;

namespace NeevCloud.Operator.Runtime;

/// <summary>
/// The one place that writes conditions. lastTransitionTime moves only when a condition's
/// status changes, and every condition carries the generation it describes, so GitOps tools
/// never read an old verdict as one about the current spec.
/// </summary>
public static class Conditions
{
    /// <summary>Sets Ready, Reconciling and Stalled and the observed generation.</summary>
    public static void Apply(IConditionedStatus status, Readiness readiness, long? generation, DateTimeOffset now)
    {
        status.Conditions ??= [];
        Set(status.Conditions, ConditionTypes.Ready, readiness.Ready, readiness.Reason, readiness.Message, generation, now);
        Set(status.Conditions, ConditionTypes.Reconciling, readiness.Reconciling ? "True" : "False",
            readiness.Reconciling ? readiness.Reason : "Idle", readiness.Reconciling ? readiness.Message : "", generation, now);
        Set(status.Conditions, ConditionTypes.Stalled, readiness.Stalled ? "True" : "False",
            readiness.Stalled ? readiness.Reason : "NotStalled", readiness.Stalled ? readiness.Message : "", generation, now);
        status.ObservedGeneration = generation;
    }

    /// <summary>
    /// Reports a failure that may pass by itself (a 5xx, a 429, a refused action): Reconciling=True with its
    /// reason and message, Stalled=False, and Ready keeps the verdict it had — the VM is as running as it was
    /// before the cloud stopped answering. An object with no verdict yet gets Ready=False with the same reason.
    /// </summary>
    public static void SetRetrying(IConditionedStatus status, string reason, string message, long? generation, DateTimeOffset now)
    {
        status.Conditions ??= [];
        if (Find(status.Conditions, ConditionTypes.Ready) is null)
        {
            Set(status.Conditions, ConditionTypes.Ready, "False", reason, message, generation, now);
        }

        Set(status.Conditions, ConditionTypes.Reconciling, "True", reason, message, generation, now);
        Set(status.Conditions, ConditionTypes.Stalled, "False", "NotStalled", "", generation, now);
        status.ObservedGeneration = generation;
    }

    /// <summary>Paused=True with how to resume; the other conditions keep what they said before the pause.</summary>
    public static void SetPaused(IConditionedStatus status, string message, long? generation, DateTimeOffset now)
    {
        status.Conditions ??= [];
        Set(status.Conditions, ConditionTypes.Paused, "True", "PauseAnnotation", message, generation, now);
    }

    /// <summary>Removes a condition (e.g. Paused once the object is resumed); returns whether it was there.</summary>
    public static bool Remove(IConditionedStatus status, string type) =>
        status.Conditions is { } conditions && Find(conditions, type) is { } existing && conditions.Remove(existing);

    /// <summary>Sets one condition in place; returns whether anything changed.</summary>
    public static bool Set(
        IList<V1Condition> conditions, string type, string status, string reason, string message, long? generation, DateTimeOffset now)
    {
        var existing = Find(conditions, type);
        if (existing is null)
        {
            conditions.Add(new V1Condition
            {
                Type = type,
                Status = status,
                Reason = reason,
                Message = message,
                ObservedGeneration = generation,
                LastTransitionTime = now.UtcDateTime,
            });
            return true;
        }

        if (existing.Status == status && existing.Reason == reason && existing.Message == message
            && existing.ObservedGeneration == generation)
        {
            return false;
        }

        if (existing.Status != status)
        {
            existing.LastTransitionTime = now.UtcDateTime;
        }

        existing.Status = status;
        existing.Reason = reason;
        existing.Message = message;
        existing.ObservedGeneration = generation;
        return true;
    }

    public static V1Condition? Find(IEnumerable<V1Condition>? conditions, string type) =>
        conditions?.FirstOrDefault(c => c.Type == type);

    public static bool IsTrue(IEnumerable<V1Condition>? conditions, string type) => Find(conditions, type)?.Status == "True";
}

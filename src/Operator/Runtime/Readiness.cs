namespace NeevCloud.Operator.Runtime;

/// <summary>
/// What a reconcile concluded about an object, in kstatus terms: Ready is True, False or
/// Unknown; Reconciling while the operator is still working towards the spec; Stalled when it
/// cannot progress without outside help. Reason is CamelCase; Message says what to do.
/// </summary>
public sealed record Readiness(string Ready, bool Reconciling, bool Stalled, string Reason, string Message)
{
    public static Readiness IsReady(string reason, string message = "") => new("True", false, false, reason, message);

    public static Readiness InProgress(string reason, string message) => new("False", true, false, reason, message);

    public static Readiness IsStalled(string reason, string message) => new("False", false, true, reason, message);

    public static Readiness IsUnknown(string reason, string message) => new("Unknown", true, false, reason, message);
}

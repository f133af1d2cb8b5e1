namespace NeevCloud.Operator.Runtime;

/// <summary>The kstatus condition types that Argo CD, Flux and `kubectl wait` understand.</summary>
public static class ConditionTypes
{
    public const string Ready = "Ready";
    public const string Reconciling = "Reconciling";
    public const string Stalled = "Stalled";

    /// <summary>Not a kstatus type: says that the object is paused (neevcloud.com/paused) and how to resume it.</summary>
    public const string Paused = "Paused";
}

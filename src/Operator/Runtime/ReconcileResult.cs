namespace NeevCloud.Operator.Runtime;

/// <summary>
/// What a reconcile asks of the runtime: nothing more, or another pass after a delay (a
/// scheduled refresh). Errors are exceptions, which the runtime retries with per-key back-off.
/// </summary>
public readonly record struct ReconcileResult(TimeSpan? RequeueAfter)
{
    public static ReconcileResult Done => new(null);

    public static ReconcileResult After(TimeSpan delay) => new(delay);
}

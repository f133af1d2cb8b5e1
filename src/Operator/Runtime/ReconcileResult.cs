namespace NeevCloud.Operator.Runtime;

/// <summary>
/// What a reconcile asks of the runtime: nothing more, another pass after a delay (a scheduled refresh), or —
/// after a failure it has already reported in status — another pass after the object's growing back-off,
/// never sooner than <see cref="RequeueAfter"/>. An exception is a failure too, retried the same way.
/// </summary>
public readonly record struct ReconcileResult(TimeSpan? RequeueAfter, bool Failed = false)
{
    public static ReconcileResult Done => new(null);

    public static ReconcileResult After(TimeSpan delay) => new(delay);

    /// <summary>Failed (and said so in status): back off, but not for less than <paramref name="notBefore"/>.</summary>
    public static ReconcileResult Backoff(TimeSpan? notBefore = null) => new(notBefore, Failed: true);
}

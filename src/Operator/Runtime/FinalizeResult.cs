namespace NeevCloud.Operator.Runtime;

/// <summary>
/// The outcome of a finalizer pass: completed (the runtime removes the finalizer) or still
/// blocked (it is asked again after the delay; the finalizer explains why in status).
/// </summary>
public readonly record struct FinalizeResult(bool Completed, TimeSpan RetryAfter)
{
    public static FinalizeResult Done => new(true, TimeSpan.Zero);

    public static FinalizeResult Retry(TimeSpan after) => new(false, after);
}

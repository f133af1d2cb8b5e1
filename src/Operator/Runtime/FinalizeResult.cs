namespace NeevCloud.Operator.Runtime;

/// <summary>
/// The outcome of a finalizer pass: completed (the runtime removes the finalizer), still blocked (asked again
/// after the delay; the finalizer explains why in status), or failed (asked again after the object's growing
/// back-off, never sooner than the delay).
/// </summary>
public readonly record struct FinalizeResult(bool Completed, TimeSpan RetryAfter, bool Failed = false)
{
    public static FinalizeResult Done => new(true, TimeSpan.Zero);

    public static FinalizeResult Retry(TimeSpan after) => new(false, after);

    public static FinalizeResult Backoff(TimeSpan? notBefore = null) => new(false, notBefore ?? TimeSpan.Zero, Failed: true);
}

namespace NeevCloud.Operator.Runtime;

/// <summary>
/// Delay after the n-th consecutive failure: base·2ⁿ capped at a maximum, with ±20 % jitter so
/// that many keys failing together (a cloud outage) do not retry in lock step.
/// </summary>
public sealed record ExponentialBackoff(TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    public static ExponentialBackoff Default { get; } = new(TimeSpan.FromMilliseconds(200), TimeSpan.FromMinutes(5));

    public TimeSpan DelayFor(int failures, double jitterSample)
    {
        var exponent = Math.Min(Math.Max(failures - 1, 0), 30);
        var raw = Math.Min(BaseDelay.TotalMilliseconds * Math.Pow(2, exponent), MaxDelay.TotalMilliseconds);
        var jittered = raw * (0.8 + (0.4 * jitterSample));
        return TimeSpan.FromMilliseconds(Math.Min(jittered, MaxDelay.TotalMilliseconds));
    }
}

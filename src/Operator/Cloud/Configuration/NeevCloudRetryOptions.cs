namespace NeevCloud.Operator.Cloud;

/// <summary><c>NeevCloud:Retry</c>: automatic retries of calls that are safe to repeat.</summary>
public sealed class NeevCloudRetryOptions
{
    /// <summary>Retries after the first attempt (0 turns retries off).</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First backoff delay; doubles per retry, with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A longer Retry-After is not waited out in the call: it surfaces as RateLimited with the wait.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(20);
}

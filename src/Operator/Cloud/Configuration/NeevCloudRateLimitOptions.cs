namespace NeevCloud.Operator.Cloud;

/// <summary>
/// <c>NeevCloud:RateLimit</c>: one token bucket for the whole process (one credential), shared by every
/// controller, so thousands of resources cannot flood the API. Requests over the rate wait in a bounded queue.
/// </summary>
public sealed class NeevCloudRateLimitOptions
{
    public double RequestsPerSecond { get; set; } = 10;

    public int Burst { get; set; } = 20;

    /// <summary>Requests that may wait for a token; beyond it calls fail fast as RateLimited.</summary>
    public int QueueLimit { get; set; } = 1000;
}

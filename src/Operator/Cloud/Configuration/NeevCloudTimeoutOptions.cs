namespace NeevCloud.Operator.Cloud;

/// <summary><c>NeevCloud:Timeouts</c>.</summary>
public sealed class NeevCloudTimeoutOptions
{
    /// <summary>One HTTP attempt.</summary>
    public TimeSpan Attempt { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The whole call: queueing for the rate limiter, every attempt and every backoff delay.</summary>
    public TimeSpan Total { get; set; } = TimeSpan.FromSeconds(60);
}

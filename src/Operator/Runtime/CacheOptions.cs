namespace NeevCloud.Operator.Runtime;

/// <summary>What a cache watches and how it recovers.</summary>
public sealed record CacheOptions
{
    /// <summary>Only these namespaces (one list+watch each); empty for all namespaces.</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = [];

    public string? LabelSelector { get; init; }

    public int PageSize { get; init; } = 500;

    /// <summary>
    /// Watches are asked to end after a random time in this range and are then resumed, so a
    /// watch that silently stopped delivering (a dead connection, an idle proxy) is replaced.
    /// </summary>
    public TimeSpan MinWatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan MaxWatchTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Delay between attempts after list or watch failures.</summary>
    public ExponentialBackoff Backoff { get; init; } = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30));
}

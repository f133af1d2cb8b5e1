namespace NeevCloud.Operator.Runtime;

/// <summary>How one controller runs.</summary>
public sealed record ControllerOptions
{
    public const string DefaultFinalizer = "neevcloud.com/finalizer";

    /// <summary>The controller's name in logs and metrics (e.g. "virtualmachine").</summary>
    public required string Name { get; init; }

    public int Workers { get; init; } = 4;

    public string Finalizer { get; init; } = DefaultFinalizer;

    public ExponentialBackoff Backoff { get; init; } = ExponentialBackoff.Default;

    /// <summary>
    /// Passes per second over all keys (a token bucket of <see cref="PassBurst"/>), so a relist
    /// of thousands of objects cannot turn into thousands of cloud calls at once.
    /// </summary>
    public double PassesPerSecond { get; init; } = 50;

    public int PassBurst { get; init; } = 100;
}

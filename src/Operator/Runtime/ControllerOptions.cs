namespace NeevCloud.Operator.Runtime;

/// <summary>How one controller runs.</summary>
public sealed record ControllerOptions
{
    public const string DefaultFinalizer = "neevcloud.com/finalizer";

    /// <summary>The controller's name in logs and metrics (e.g. "virtualmachine").</summary>
    public required string Name { get; init; }

    public int Workers { get; init; } = 4;

    public string Finalizer { get; init; } = DefaultFinalizer;

    /// <summary>
    /// The controller puts <see cref="Finalizer"/> on an object itself, with its first write and before anything
    /// outside the cluster changes (the managed lifecycle folds it into the create intent, saving a write per
    /// object); the runner then only removes it once finalizing is done. Otherwise the runner adds it before the
    /// first pass.
    /// </summary>
    public bool ControllerAddsFinalizer { get; init; }

    public ExponentialBackoff Backoff { get; init; } = ExponentialBackoff.Default;

    /// <summary>
    /// Passes per second over all keys (a token bucket of <see cref="PassBurst"/>), so a relist
    /// of thousands of objects cannot turn into thousands of cloud calls at once.
    /// </summary>
    public double PassesPerSecond { get; init; } = 50;

    public int PassBurst { get; init; } = 100;
}

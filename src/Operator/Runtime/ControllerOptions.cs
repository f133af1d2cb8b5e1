namespace NeevCloud.Operator.Runtime;

/// <summary>How one controller runs.</summary>
public sealed record ControllerOptions
{
    public const string DefaultFinalizer = "neevcloud.com/finalizer";
    public const string PausedAnnotation = "neevcloud.com/paused";

    /// <summary>The controller's name in logs and metrics (e.g. "virtualmachine").</summary>
    public required string Name { get; init; }

    public int Workers { get; init; } = 4;

    public string Finalizer { get; init; } = DefaultFinalizer;

    public ExponentialBackoff Backoff { get; init; } = ExponentialBackoff.Default;
}

namespace NeevCloud.Simulator;

/// <summary>
/// A project that exists from start-up (and again after a reset), with fixed ids: the "legacy"
/// resources a demo or test adopts by id, e.g. a RootDisk resource naming a disk that outlived its VM.
/// </summary>
public sealed class SimulatorFixtureProject
{
    /// <summary>The project id (any non-empty string; NeevCloud's are UUIDs).</summary>
    public string Id { get; set; } = "";

    public string OrganizationId { get; set; } = "";

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>Root disks of the project, ready and attached to no VM.</summary>
    public IList<SimulatorFixtureRootDisk> RootDisks { get; set; } = [];
}

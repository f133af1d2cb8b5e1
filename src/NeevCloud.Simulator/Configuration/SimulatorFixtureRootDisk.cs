namespace NeevCloud.Simulator;

/// <summary>A ready, unattached root disk of a <see cref="SimulatorFixtureProject"/>.</summary>
public sealed class SimulatorFixtureRootDisk
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public int SizeGb { get; set; } = 40;

    public string ImageId { get; set; } = "";

    public string Region { get; set; } = "";

    public string PlanId { get; set; } = "";
}

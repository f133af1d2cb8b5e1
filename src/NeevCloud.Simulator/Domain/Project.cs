namespace NeevCloud.Simulator.Domain;

/// <summary>A project of an organization, with the counts of resources the simulator does not model otherwise.</summary>
internal sealed class Project(string id, string organizationId, string name, string? description, DateTimeOffset createdAt, long sequence)
{
    public string Id { get; } = id;

    public string OrganizationId { get; } = organizationId;

    public string Name { get; set; } = name;

    public string? Description { get; set; } = description;

    public string Status { get; set; } = ProjectStatuses.Active;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public long Sequence { get; } = sequence;

    public int ApiKeys { get; set; }

    public int Airuntimes { get; set; }

    /// <summary>Storage volumes beyond the disks the simulator tracks (set through the admin API).</summary>
    public int ExtraStorageVolumes { get; set; }
}

namespace NeevCloud.Simulator.Domain;

/// <summary>A VM and what it was created with (the API has no update: all but the status are fixed).</summary>
internal sealed class VirtualMachine(Guid id, string organizationId, string projectId, DateTimeOffset createdAt, long sequence)
    : LifecycleEntity(id, VmStatuses.Pending, createdAt, sequence)
{
    public string OrganizationId { get; } = organizationId;

    public string ProjectId { get; } = projectId;

    public required string Name { get; init; }

    public required string RegionId { get; init; }

    public required string VmConfigId { get; init; }

    public required string PlanId { get; init; }

    public required int GpuConfigCount { get; init; }

    public required string ImageId { get; init; }

    public required bool DeleteRootDisk { get; init; }

    public required DiskDescriptor RootDisk { get; init; }

    public required IReadOnlyList<DiskDescriptor> DataDisks { get; init; }

    public required IReadOnlyList<string> SshKeys { get; init; }

    public required IReadOnlyList<PortBinding> ExposedPorts { get; init; }

    public string? PublicIp { get; set; }

    /// <summary>Ids of every volume attached at creation (root first); detached when the VM is deleted.</summary>
    public IEnumerable<Guid> VolumeIds => [RootDisk.Id, .. DataDisks.Select(d => d.Id)];
}

namespace NeevCloud.Simulator.Domain;

/// <summary>A disk: a root disk cloned from an image, or an empty data disk.</summary>
internal sealed class Volume(Guid id, string organizationId, string projectId, VolumeKind kind, DateTimeOffset createdAt, long sequence)
    : LifecycleEntity(id, VolumeStatuses.Pending, createdAt, sequence)
{
    public string OrganizationId { get; } = organizationId;

    public string ProjectId { get; } = projectId;

    public VolumeKind Kind { get; } = kind;

    public required string Name { get; init; }

    /// <summary>block or filesystem: the DiskResponse type and the root disk's volume_mode.</summary>
    public required string Mode { get; init; }

    public required int SizeGb { get; init; }

    /// <summary>The image a root disk was cloned from; null for data disks.</summary>
    public string? ImageId { get; init; }

    public required string Region { get; init; }

    public required string PlanId { get; init; }

    public Guid? AttachedVmId { get; set; }

    /// <summary>Deleted when the VM it is attached to is deleted (created with delete_root_disk, or a created data disk).</summary>
    public bool DeleteWithVm { get; set; }

    public DiskDescriptor Describe() => new(Id, Name, Mode, SizeGb);
}

namespace NeevCloud.Operator.Cloud;

/// <summary>RootDiskVolumeResponse of the VM Service API.</summary>
public sealed record CloudRootDisk(
    string Id,
    string Name,
    string OrgId,
    string ProjectId,
    string Region,
    int SizeGb,
    string ImageId,
    string VolumeMode,
    string PlanId,
    OpenEnum<RootDiskStatus> Status,
    string? Message,
    bool IsAttached,
    string? VmId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

namespace NeevCloud.Operator.Cloud;

/// <summary>VMResponse of the VM Service API.</summary>
public sealed record CloudVm(
    string Id,
    string Name,
    string RegionId,
    bool DeleteRootDisk,
    OpenEnum<VmStatus> Status,
    string? Message,
    string VmConfigId,
    int? GpuConfigCount,
    string PlanId,
    string ImageId,
    CloudVmDisk? RootDisk,
    IReadOnlyList<CloudVmDisk>? DataDisks,
    string? PublicIp,
    IReadOnlyList<ExposedPort>? ExposedPorts,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

namespace NeevCloud.Simulator;

/// <summary>A VM as the simulator holds it, including its next planned status change.</summary>
public sealed record SimulatorVmState(
    string Id,
    string OrgId,
    string ProjectId,
    string Name,
    string Status,
    string? Message,
    string RegionId,
    string VmConfigId,
    string PlanId,
    int GpuConfigCount,
    string ImageId,
    bool DeleteRootDisk,
    string RootDiskId,
    IReadOnlyList<string> DataDiskIds,
    string? PublicIp,
    IReadOnlyList<string> SshKeys,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? NextStatus,
    DateTimeOffset? NextStatusAt);

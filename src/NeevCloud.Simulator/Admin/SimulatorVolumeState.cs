namespace NeevCloud.Simulator;

/// <summary>A disk as the simulator holds it: <see cref="Kind"/> is root or data (data disks have no API of their own).</summary>
public sealed record SimulatorVolumeState(
    string Id,
    string OrgId,
    string ProjectId,
    string Kind,
    string Name,
    string Type,
    int SizeGb,
    string? ImageId,
    string Region,
    string PlanId,
    string Status,
    string? Message,
    string? AttachedVmId,
    bool DeleteWithVm,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? NextStatus,
    DateTimeOffset? NextStatusAt);

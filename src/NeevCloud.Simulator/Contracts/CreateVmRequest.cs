namespace NeevCloud.Simulator.Contracts;

/// <summary>CreateVMRequest, every field nullable so that a missing one is told apart from a default.</summary>
internal sealed record CreateVmRequest(
    string? Name,
    string? RegionId,
    string? VmConfigId,
    int? GpuConfigCount,
    string? PlanId,
    RootDiskRequest? RootDisk,
    DataDisksRequest? DataDisks,
    IReadOnlyList<string?>? SshKeys,
    IReadOnlyList<ExposedPort?>? ExposedPorts,
    bool? DeleteRootDisk);

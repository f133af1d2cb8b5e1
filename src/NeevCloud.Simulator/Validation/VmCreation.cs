using NeevCloud.Simulator.Domain;

namespace NeevCloud.Simulator.Validation;

/// <summary>A createVM request that passed validation: every required value present and in range.</summary>
internal sealed record VmCreation(
    string Name,
    string RegionId,
    string VmConfigId,
    string PlanId,
    int GpuConfigCount,
    Guid? AttachRootDiskId,
    NewDisk? NewRootDisk,
    IReadOnlyList<Guid> AttachDataDiskIds,
    IReadOnlyList<NewDisk> NewDataDisks,
    IReadOnlyList<string> SshKeys,
    IReadOnlyList<PortBinding> ExposedPorts,
    bool DeleteRootDisk);

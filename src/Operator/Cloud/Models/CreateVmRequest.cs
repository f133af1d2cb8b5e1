namespace NeevCloud.Operator.Cloud;

/// <summary>CreateVMRequest: the body of createVM. The API has no update: every field is fixed at creation.</summary>
public sealed record CreateVmRequest(string Name, string RegionId, string VmConfigId, string PlanId, RootDiskSource RootDisk)
{
    public int? GpuConfigCount { get; init; }

    public DataDisksRequest? DataDisks { get; init; }

    public IReadOnlyList<string>? SshKeys { get; init; }

    public IReadOnlyList<ExposedPort>? ExposedPorts { get; init; }

    /// <summary>Only meaningful with a created root disk: delete it with the VM instead of detaching it.</summary>
    public bool? DeleteRootDisk { get; init; }
}

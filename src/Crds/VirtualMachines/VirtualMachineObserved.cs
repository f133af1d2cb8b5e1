using System.Text.Json.Serialization;

namespace NeevCloud.Crds.VirtualMachines;

/// <summary>The creation fields of a cloud VM as NeevCloud reports them (and the SSH keys it was created with).</summary>
public sealed class VirtualMachineObserved
{
    /// <summary>The VM's region.</summary>
    [JsonPropertyName("regionId")]
    public string? RegionId { get; set; }

    /// <summary>The VM's configuration.</summary>
    [JsonPropertyName("vmConfigId")]
    public string? VmConfigId { get; set; }

    /// <summary>The VM's pricing plan.</summary>
    [JsonPropertyName("planId")]
    public string? PlanId { get; set; }

    /// <summary>The number of GPUs attached.</summary>
    [JsonPropertyName("gpuCount")]
    public int? GpuCount { get; set; }

    /// <summary>The image of the root disk.</summary>
    [JsonPropertyName("imageId")]
    public string? ImageId { get; set; }

    /// <summary>Whether deleting the VM deletes its root disk.</summary>
    [JsonPropertyName("deleteRootDisk")]
    public bool? DeleteRootDisk { get; set; }

    /// <summary>
    /// The SHA-256 fingerprints of the SSH keys the VM was created with. NeevCloud does not report keys, so the
    /// operator records what it sent (for an older VM: the spec's keys when first seen).
    /// </summary>
    [JsonPropertyName("sshKeys")]
    public IList<string>? SshKeys { get; set; }
}

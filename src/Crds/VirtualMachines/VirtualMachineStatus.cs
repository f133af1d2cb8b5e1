using System.Text.Json.Serialization;

namespace NeevCloud.Crds.VirtualMachines;

/// <summary>The observed state of the NeevCloud VM, written by the operator.</summary>
public sealed class VirtualMachineStatus : ConditionedStatus
{
    /// <summary>The id of the cloud VM, recorded right after it was created.</summary>
    [JsonPropertyName("vmId")]
    public string? VmId { get; set; }

    /// <summary>The organization of the cloud project the VM was created in.</summary>
    [JsonPropertyName("organizationId")]
    public string? OrganizationId { get; set; }

    /// <summary>The id of the cloud project the VM was created in.</summary>
    [JsonPropertyName("projectId")]
    public string? ProjectId { get; set; }

    /// <summary>
    /// The VM status as NeevCloud reports it: pending, provisioning, starting, running, stopping,
    /// stopped, restarting, deleting, deleted or failed (newer values are passed through).
    /// </summary>
    [JsonPropertyName("phase")]
    public string? Phase { get; set; }

    /// <summary>NeevCloud's detail about the current status, e.g. a provisioning step or why the VM failed.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; set; }

    /// <summary>The public IP of the VM, once NeevCloud has allocated it.</summary>
    [JsonPropertyName("publicIp")]
    public string? PublicIp { get; set; }

    /// <summary>The ports NeevCloud reports as exposed on the public IP.</summary>
    [JsonPropertyName("exposedPorts")]
    public IList<ExposedPortStatus>? ExposedPorts { get; set; }

    /// <summary>The VM's root disk as NeevCloud reports it.</summary>
    [JsonPropertyName("rootDisk")]
    public DiskStatus? RootDisk { get; set; }

    /// <summary>The VM's data disks as NeevCloud reports them.</summary>
    [JsonPropertyName("dataDisks")]
    public IList<DiskStatus>? DataDisks { get; set; }

    /// <summary>The spec.restartRequestedAt value the operator last acted on; a different spec value asks for another restart.</summary>
    [JsonPropertyName("lastHandledRestartRequestedAt")]
    public string? LastHandledRestartRequestedAt { get; set; }

    /// <summary>The creation fields of the cloud VM as NeevCloud reports them (what an adopted VM was created with).</summary>
    [JsonPropertyName("observed")]
    public VirtualMachineObserved? Observed { get; set; }
}

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

    /// <summary>The next change spec.powerSchedule or spec.expiresAt makes to the power state, if any.</summary>
    [JsonPropertyName("nextPowerChange")]
    public PowerChange? NextPowerChange { get; set; }

    /// <summary>Running and GPU time the operator observed (measured, not priced).</summary>
    [JsonPropertyName("usage")]
    public VirtualMachineUsage? Usage { get; set; }

    /// <summary>What replacing the VM to match the spec would do, while it waits for approval (spec.updatePolicy ReplaceOnApproval).</summary>
    [JsonPropertyName("plan")]
    public ReplacementPlan? Plan { get; set; }

    /// <summary>The replacement under way, or the last one done: the old VM's id and the steps taken.</summary>
    [JsonPropertyName("replacement")]
    public ReplacementProgress? Replacement { get; set; }
}

/// <summary>A scheduled power change.</summary>
public sealed class PowerChange
{
    /// <summary>When (RFC 3339, UTC).</summary>
    [JsonPropertyName("at")]
    public string? At { get; set; }

    /// <summary>Running or Stopped; Deleted when the VM expires with onExpiry Delete.</summary>
    [JsonPropertyName("to")]
    public string? To { get; set; }
}

/// <summary>
/// Time the VM was observed running (measured, not priced): each stretch from the first look that saw it running to
/// the first look that no longer did, so precise to about one refresh interval. Written only when a stretch begins or
/// ends, so a steady VM costs no status writes; while one is open, add the time since runningSince.
/// </summary>
public sealed class VirtualMachineUsage
{
    /// <summary>When counting began (RFC 3339).</summary>
    [JsonPropertyName("since")]
    public string? Since { get; set; }

    /// <summary>When the current running stretch began (RFC 3339); unset while the VM is not running.</summary>
    [JsonPropertyName("runningSince")]
    public string? RunningSince { get; set; }

    /// <summary>Seconds the VM was running, in the stretches that have ended.</summary>
    [JsonPropertyName("runningSeconds")]
    public long RunningSeconds { get; set; }

    /// <summary>Running seconds times the VM's GPU count, in the stretches that have ended.</summary>
    [JsonPropertyName("gpuSeconds")]
    public long GpuSeconds { get; set; }
}

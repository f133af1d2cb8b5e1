using System.Text.Json.Serialization;
using NeevCloud.Crds.Attributes;

namespace NeevCloud.Crds.VirtualMachines;

/// <summary>
/// The desired NeevCloud VM. The VM API cannot update a VM, so the creation fields are immutable; with
/// updatePolicy ReplaceOnApproval regionId, vmConfigId, planId, gpuCount, exposedPorts, sshKeys and dataDisks may
/// change, and the operator replaces the VM (keeping its root disk) once the plan it writes is approved.
/// </summary>
[ValidationRule(
    "has(self.vmId) || has(self.regionId)",
    fieldPath: ".regionId",
    message: "spec.regionId is needed to create a VM (only spec.vmId, adopting an existing VM, makes it optional)",
    reason: "FieldValueRequired")]
[ValidationRule(
    "has(self.vmId) || has(self.vmConfigId)",
    fieldPath: ".vmConfigId",
    message: "spec.vmConfigId is needed to create a VM (only spec.vmId, adopting an existing VM, makes it optional)",
    reason: "FieldValueRequired")]
[ValidationRule(
    "has(self.vmId) || has(self.planId)",
    fieldPath: ".planId",
    message: "spec.planId is needed to create a VM (only spec.vmId, adopting an existing VM, makes it optional)",
    reason: "FieldValueRequired")]
[ValidationRule(
    "has(self.vmId) || has(self.rootDisk)",
    fieldPath: ".rootDisk",
    message: "spec.rootDisk is needed to create a VM (only spec.vmId, adopting an existing VM, makes it optional)",
    reason: "FieldValueRequired")]
[ValidationRule(
    "self.managementPolicy != 'ObserveOnly' || has(self.vmId)",
    fieldPath: ".managementPolicy",
    message: "managementPolicy ObserveOnly needs spec.vmId: the operator only looks at a VM it is told about")]
[ValidationRule(
    "self.updatePolicy != 'ReplaceOnApproval' || !has(self.vmId)",
    fieldPath: ".updatePolicy",
    message: "updatePolicy ReplaceOnApproval cannot be used with spec.vmId: a replacement gets a new cloud id, and spec.vmId names one VM for good")]
[ValidationRule(
    "!has(self.deleteRootDisk) || !self.deleteRootDisk || (has(self.rootDisk) && has(self.rootDisk.create))",
    fieldPath: ".deleteRootDisk",
    message: "spec.deleteRootDisk can only be true with spec.rootDisk.create: an attached root disk is never deleted with the VM")]
public sealed class VirtualMachineSpec
{
    private const string NoUpdateCall = "the NeevCloud VM API cannot update a VM; create a new VirtualMachine instead";

    private const string Replaceable =
        "the NeevCloud VM API cannot update a VM; set spec.updatePolicy: ReplaceOnApproval to have it replaced on approval, or create a new VirtualMachine";

    private const string ReplacementAllowed = "self.updatePolicy == 'ReplaceOnApproval'";

    /// <summary>The Project (in this namespace) the VM belongs to.</summary>
    [JsonPropertyName("projectRef")]
    [Required]
    [Immutable(NoUpdateCall)]
    public LocalObjectReference ProjectRef { get; set; } = new();

    /// <summary>The NeevCloud region to run the VM in (required unless spec.vmId adopts a VM).</summary>
    [JsonPropertyName("regionId")]
    [Length(minLength: 1)]
    [Immutable(Replaceable, Unless = ReplacementAllowed)]
    public string RegionId { get; set; } = "";

    /// <summary>The VM configuration (CPU, memory, GPU type) to use (required unless spec.vmId adopts a VM).</summary>
    [JsonPropertyName("vmConfigId")]
    [Length(minLength: 1)]
    [Immutable(Replaceable, Unless = ReplacementAllowed)]
    public string VmConfigId { get; set; } = "";

    /// <summary>The pricing plan the VM is billed under (required unless spec.vmId adopts a VM).</summary>
    [JsonPropertyName("planId")]
    [Length(minLength: 1)]
    [Immutable(Replaceable, Unless = ReplacementAllowed)]
    public string PlanId { get; set; } = "";

    /// <summary>The number of GPUs of the VM configuration to attach. Omit for a CPU-only VM.</summary>
    [JsonPropertyName("gpuCount")]
    [RangeMinimum(0)]
    [Immutable(Replaceable, Unless = ReplacementAllowed)]
    public int? GpuCount { get; set; }

    /// <summary>
    /// The boot disk: exactly one of create (a new disk cloned from an image) or attach (an existing root disk);
    /// required unless spec.vmId adopts a VM.
    /// </summary>
    [JsonPropertyName("rootDisk")]
    [Immutable(NoUpdateCall)]
    public VirtualMachineRootDisk? RootDisk { get; set; }

    /// <summary>
    /// Whether deleting the VM also deletes the root disk it created (rootDisk.create only; default
    /// false). When false the disk outlives the VM and the operator records it as a RootDisk named
    /// &lt;vm&gt;-root, so a new VM can attach it.
    /// </summary>
    [JsonPropertyName("deleteRootDisk")]
    [DefaultValue(false)]
    [Immutable(NoUpdateCall)]
    public bool DeleteRootDisk { get; set; }

    /// <summary>Additional data disks to attach and to create with the VM.</summary>
    [JsonPropertyName("dataDisks")]
    [Immutable(Replaceable, Unless = ReplacementAllowed)]
    public VirtualMachineDataDisks? DataDisks { get; set; }

    /// <summary>
    /// OpenSSH public keys (ssh-rsa or ssh-ed25519, 50-2000 characters each, at most 10, no
    /// duplicates) installed for the ubuntu user; they enable SSH on port 22 of the public IP.
    /// </summary>
    [JsonPropertyName("sshKeys")]
    [Items(maxItems: ResourceLimits.MaxSshKeys)]
    [ListType(ListType.Set)]
    [Length(ResourceLimits.SshKeyMinLength, ResourceLimits.SshKeyMaxLength)]
    [Pattern(ResourcePatterns.SshPublicKey)]
    [Immutable(Replaceable, Unless = ReplacementAllowed)]
    public IList<string>? SshKeys { get; set; }

    /// <summary>
    /// Inbound ports to open on the VM's public IP (at most 10, each port and protocol pair once).
    /// Port 22 is reserved for SSH: use sshKeys instead.
    /// </summary>
    [JsonPropertyName("exposedPorts")]
    [Items(maxItems: ResourceLimits.MaxExposedPorts)]
    [ListType(ListType.Map)]
    [ListMapKeys("port", "protocol")]
    [Immutable(Replaceable, Unless = ReplacementAllowed)]
    public IList<ExposedPort>? ExposedPorts { get; set; }

    /// <summary>
    /// What a change of regionId, vmConfigId, planId, gpuCount, exposedPorts, sshKeys or dataDisks does (the VM API
    /// cannot update them): Refuse (default) rejects it; ReplaceOnApproval accepts it, writes status.plan (what
    /// changes, the downtime, the new public IP, which disks survive) and waits for the annotation
    /// neevcloud.com/approve-replacement set to the plan's generation, then replaces the VM keeping its root disk.
    /// </summary>
    [JsonPropertyName("updatePolicy")]
    [DefaultValue(UpdatePolicy.Refuse)]
    public UpdatePolicy UpdatePolicy { get; set; } = UpdatePolicy.Refuse;

    /// <summary>
    /// Whether a replacement may delete data: the data disks created with the VM (deleted with it), or a root disk
    /// that cannot be kept. While false (default), a plan that would lose data is refused.
    /// </summary>
    [JsonPropertyName("allowDataLoss")]
    [DefaultValue(false)]
    public bool AllowDataLoss { get; set; }

    /// <summary>Whether the VM should be running (Running, the default) or stopped (Stopped). The operator starts or stops it to match.</summary>
    [JsonPropertyName("powerState")]
    [DefaultValue(PowerState.Running)]
    public PowerState PowerState { get; set; } = PowerState.Running;

    /// <summary>
    /// Set or change this to any new timestamp (RFC 3339) to restart the VM once; the operator
    /// records the value it handled in status.lastHandledRestartRequestedAt.
    /// </summary>
    [JsonPropertyName("restartRequestedAt")]
    [Format("date-time")]
    public string? RestartRequestedAt { get; set; }

    /// <summary>
    /// When the VM runs (a cost control for GPU VMs): inside its windows the operator starts it, outside them it
    /// stops it; status.nextPowerChange says what happens next. spec.powerState: Stopped always wins.
    /// </summary>
    [JsonPropertyName("powerSchedule")]
    public PowerSchedule? PowerSchedule { get; set; }

    /// <summary>
    /// When the VM expires (RFC 3339). From Operator:Expiry:WarnBefore (30 min) before, a Warning event and the
    /// Ready message say so; at expiry spec.onExpiry happens. A later value extends it; removing it cancels it.
    /// </summary>
    [JsonPropertyName("expiresAt")]
    [Format("date-time")]
    public string? ExpiresAt { get; set; }

    /// <summary>What happens at spec.expiresAt: Stop (default) stops the VM; Delete deletes this resource (and so the VM, as deletionProtection and deletionPolicy allow).</summary>
    [JsonPropertyName("onExpiry")]
    [DefaultValue(ExpiryAction.Stop)]
    public ExpiryAction OnExpiry { get; set; } = ExpiryAction.Stop;

    /// <summary>
    /// What deleting this resource does: Delete deletes the cloud VM; Orphan leaves it running in the cloud.
    /// Unset: Orphan for a VM adopted by spec.vmId, Delete for one the operator created (status.deletionPolicy
    /// shows which applies).
    /// </summary>
    [JsonPropertyName("deletionPolicy")]
    public DeletionPolicy? DeletionPolicy { get; set; }

    /// <summary>
    /// When true, deleting this resource makes no cloud call: it stays Terminating (Stalled, reason
    /// DeletionProtected) until this is set to false, or deletionPolicy to Orphan. A guard against a prune or a
    /// bulk delete nobody meant; it can be changed at any time, also while the resource is Terminating.
    /// </summary>
    [JsonPropertyName("deletionProtection")]
    [DefaultValue(false)]
    public bool DeletionProtection { get; set; }

    /// <summary>
    /// Manage (default) lets the operator create, correct and delete the cloud resource; ObserveOnly only looks
    /// (GET and LIST), needs the cloud id in the spec, and deleting the resource forgets the cloud resource.
    /// </summary>
    [JsonPropertyName("managementPolicy")]
    [DefaultValue(ManagementPolicy.Manage)]
    public ManagementPolicy ManagementPolicy { get; set; } = ManagementPolicy.Manage;

    /// <summary>
    /// The id of an existing NeevCloud VM to adopt instead of creating one. The creation fields are then
    /// optional; those given must match the cloud's VM (status.observed shows the cloud's values). Once set it
    /// cannot change or be removed.
    /// </summary>
    [JsonPropertyName("vmId")]
    [Length(ResourceLimits.UuidLength, ResourceLimits.UuidLength)]
    [Pattern(ResourcePatterns.Uuid)]
    [Immutable("it names the cloud VM this resource manages", OnceSet = true)]
    public string? VmId { get; set; }
}

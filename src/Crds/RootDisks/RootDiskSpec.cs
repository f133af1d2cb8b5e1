using System.Text.Json.Serialization;
using NeevCloud.Crds.Attributes;

namespace NeevCloud.Crds.RootDisks;

/// <summary>The NeevCloud root disk to adopt. Only deletionPolicy can change after creation.</summary>
public sealed class RootDiskSpec
{
    private const string IdentifiesTheDisk = "it identifies the cloud disk; create a new RootDisk instead";

    /// <summary>The Project (in this namespace) that owns the disk.</summary>
    [JsonPropertyName("projectRef")]
    [Required]
    [Immutable(IdentifiesTheDisk)]
    public LocalObjectReference ProjectRef { get; set; } = new();

    /// <summary>The NeevCloud id (UUID) of the root disk.</summary>
    [JsonPropertyName("diskId")]
    [Required]
    [Length(ResourceLimits.UuidLength, ResourceLimits.UuidLength)]
    [Pattern(ResourcePatterns.Uuid)]
    [Immutable(IdentifiesTheDisk)]
    public string DiskId { get; set; } = "";

    /// <summary>
    /// What deleting this resource does: Delete deletes the cloud disk once no VM uses it; Orphan leaves it in
    /// the cloud. Unset: Orphan, because a RootDisk adopts a disk that exists (the operator sets Delete on the
    /// RootDisks it records for the disks its own VMs kept).
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
}

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
    /// What deleting this resource does: Delete (default) deletes the cloud disk once no VM uses
    /// it; Orphan leaves the disk in the cloud.
    /// </summary>
    [JsonPropertyName("deletionPolicy")]
    [DefaultValue(DeletionPolicy.Delete)]
    public DeletionPolicy DeletionPolicy { get; set; } = DeletionPolicy.Delete;
}

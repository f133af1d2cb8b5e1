using System.Text.Json.Serialization;
using NeevCloud.Crds.Attributes;

namespace NeevCloud.Crds.VirtualMachines;

/// <summary>An existing root disk to boot from: exactly one of rootDiskRef or diskId.</summary>
[ValidationRule(
    "has(self.rootDiskRef) != has(self.diskId)",
    message: "spec.rootDisk.attach needs exactly one of rootDiskRef (a RootDisk resource) or diskId (a cloud disk id)")]
public sealed class ExistingRootDisk
{
    /// <summary>A RootDisk resource in this namespace whose disk to attach.</summary>
    [JsonPropertyName("rootDiskRef")]
    public LocalObjectReference? RootDiskRef { get; set; }

    /// <summary>The NeevCloud id (UUID) of the root disk to attach.</summary>
    [JsonPropertyName("diskId")]
    [Length(ResourceLimits.UuidLength, ResourceLimits.UuidLength)]
    [Pattern(ResourcePatterns.Uuid)]
    public string? DiskId { get; set; }
}

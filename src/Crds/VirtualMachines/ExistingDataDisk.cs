using System.Text.Json.Serialization;
using NeevCloud.Crds.Attributes;

namespace NeevCloud.Crds.VirtualMachines;

/// <summary>An existing data disk to attach to the VM.</summary>
public sealed class ExistingDataDisk
{
    /// <summary>The NeevCloud id (UUID) of the disk.</summary>
    [JsonPropertyName("diskId")]
    [Required]
    [Length(ResourceLimits.UuidLength, ResourceLimits.UuidLength)]
    [Pattern(ResourcePatterns.Uuid)]
    public string DiskId { get; set; } = "";
}

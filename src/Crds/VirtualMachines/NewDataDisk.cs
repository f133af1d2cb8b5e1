using System.Text.Json.Serialization;
using NeevCloud.Crds.Attributes;

namespace NeevCloud.Crds.VirtualMachines;

/// <summary>A data disk created with the VM.</summary>
public sealed class NewDataDisk
{
    /// <summary>The disk name in NeevCloud: a DNS-1123 label of at most 20 characters.</summary>
    [JsonPropertyName("name")]
    [Required]
    [Length(1, ResourceLimits.ResourceNameMaxLength)]
    [Pattern(ResourcePatterns.Dns1123Label)]
    public string Name { get; set; } = "";

    /// <summary>block (a raw device) or filesystem (formatted).</summary>
    [JsonPropertyName("type")]
    [Required]
    public DataDiskType Type { get; set; }

    /// <summary>The disk size in GB, 10-2048.</summary>
    [JsonPropertyName("sizeGb")]
    [Required]
    [RangeMinimum(ResourceLimits.DataDiskMinSizeGb)]
    [RangeMaximum(ResourceLimits.DataDiskMaxSizeGb)]
    public int SizeGb { get; set; }
}

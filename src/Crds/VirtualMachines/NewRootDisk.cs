using System.Text.Json.Serialization;
using NeevCloud.Crds.Attributes;

namespace NeevCloud.Crds.VirtualMachines;

/// <summary>A root disk created with the VM from a platform image.</summary>
public sealed class NewRootDisk
{
    /// <summary>The disk name in NeevCloud: a DNS-1123 label of at most 20 characters.</summary>
    [JsonPropertyName("name")]
    [Required]
    [Length(1, ResourceLimits.ResourceNameMaxLength)]
    [Pattern(ResourcePatterns.Dns1123Label)]
    public string Name { get; set; } = "";

    /// <summary>The disk size in GB, 20-2048.</summary>
    [JsonPropertyName("sizeGb")]
    [Required]
    [RangeMinimum(ResourceLimits.RootDiskMinSizeGb)]
    [RangeMaximum(ResourceLimits.RootDiskMaxSizeGb)]
    public int SizeGb { get; set; }

    /// <summary>The platform image to clone, e.g. an Ubuntu 24.04 LTS image id.</summary>
    [JsonPropertyName("imageId")]
    [Required]
    [Length(minLength: 1)]
    public string ImageId { get; set; } = "";
}

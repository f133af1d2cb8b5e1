using System.Text.Json.Serialization;

namespace NeevCloud.Crds.VirtualMachines;

/// <summary>A disk of the VM as NeevCloud reports it.</summary>
public sealed class DiskStatus
{
    /// <summary>The NeevCloud id (UUID) of the disk.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary>The disk name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>block or filesystem, as NeevCloud reports it.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>The disk size in GB.</summary>
    [JsonPropertyName("sizeGb")]
    public int? SizeGb { get; set; }

    /// <summary>
    /// The operator's record, for a data disk: true when it was created with the VM (so deleting the VM deletes it),
    /// false when it was attached by id (it outlives the VM).
    /// </summary>
    [JsonPropertyName("createdWithVm")]
    public bool? CreatedWithVm { get; set; }
}

using System.Text.Json.Serialization;
using NeevCloud.Crds.Attributes;

namespace NeevCloud.Crds.VirtualMachines;

/// <summary>Additional data disks of the VM.</summary>
public sealed class VirtualMachineDataDisks
{
    /// <summary>Existing data disks to attach (at most 4, each once).</summary>
    [JsonPropertyName("attach")]
    [Items(maxItems: ResourceLimits.MaxDataDisksPerKind)]
    [ListType(ListType.Map)]
    [ListMapKeys("diskId")]
    public IList<ExistingDataDisk>? Attach { get; set; }

    /// <summary>New data disks to create with the VM (at most 4, names unique).</summary>
    [JsonPropertyName("create")]
    [Items(maxItems: ResourceLimits.MaxDataDisksPerKind)]
    [ListType(ListType.Map)]
    [ListMapKeys("name")]
    public IList<NewDataDisk>? Create { get; set; }
}

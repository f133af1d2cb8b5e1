using System.Text.Json.Serialization;

namespace NeevCloud.Crds.VirtualMachines;

/// <summary>How a data disk is presented to the VM.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DataDiskType>))]
public enum DataDiskType
{
    /// <summary>A raw block device.</summary>
    [JsonStringEnumMemberName("block")]
    Block,

    /// <summary>A formatted file system.</summary>
    [JsonStringEnumMemberName("filesystem")]
    Filesystem,
}

using System.Text.Json.Serialization;

namespace NeevCloud.Crds.VirtualMachines;

/// <summary>Whether a VM should be running.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PowerState>))]
public enum PowerState
{
    /// <summary>The operator starts the VM when it is stopped.</summary>
    Running,

    /// <summary>The operator stops the VM when it is running.</summary>
    Stopped,
}

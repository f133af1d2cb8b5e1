using System.Text.Json.Serialization;

namespace NeevCloud.Crds.VirtualMachines;

// Separate from ExposedPort: status mirrors what the cloud reports (which may include port 22 for
// SSH) and must not be held to the spec's rules and defaults.

/// <summary>A port NeevCloud reports as exposed on the VM's public IP.</summary>
public sealed class ExposedPortStatus
{
    /// <summary>The port number.</summary>
    [JsonPropertyName("port")]
    public int Port { get; set; }

    /// <summary>tcp or udp, as NeevCloud reports it.</summary>
    [JsonPropertyName("protocol")]
    public string? Protocol { get; set; }
}

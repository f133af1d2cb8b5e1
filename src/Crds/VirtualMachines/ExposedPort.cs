using System.Text.Json.Serialization;
using NeevCloud.Crds.Attributes;

namespace NeevCloud.Crds.VirtualMachines;

/// <summary>An inbound port opened on the VM's public IP.</summary>
public sealed class ExposedPort
{
    /// <summary>The port the guest listens on (1-65535, not 22: SSH is enabled through sshKeys).</summary>
    [JsonPropertyName("port")]
    [Required]
    [RangeMinimum(1)]
    [RangeMaximum(65535)]
    [ValidationRule("self != 22", message: "port 22 is reserved for SSH: set spec.sshKeys instead of exposing it")]
    public int Port { get; set; }

    /// <summary>tcp (default) or udp.</summary>
    [JsonPropertyName("protocol")]
    [DefaultValue(PortProtocol.Tcp)]
    public PortProtocol Protocol { get; set; } = PortProtocol.Tcp;
}

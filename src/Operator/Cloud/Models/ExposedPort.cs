namespace NeevCloud.Operator.Cloud;

/// <summary>An inbound port on the VM's public IP (1–65535, never 22, tcp or udp).</summary>
public sealed record ExposedPort(int Port, OpenEnum<PortProtocol> Protocol);

namespace NeevCloud.Operator.Cloud;

/// <summary>Layer-4 protocol of an exposed port.</summary>
public enum PortProtocol
{
    Unknown,
    Tcp,
    Udp,
}

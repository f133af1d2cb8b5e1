namespace NeevCloud.Simulator.Domain;

/// <summary>An exposed port of a VM.</summary>
internal sealed record PortBinding(int Port, string Protocol);

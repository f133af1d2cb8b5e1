namespace NeevCloud.Simulator.Contracts;

/// <summary>ExposedPort, in requests (nullable, to report missing fields) and answers.</summary>
internal sealed record ExposedPort(int? Port, string? Protocol);

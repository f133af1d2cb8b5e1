namespace NeevCloud.Simulator.Contracts;

/// <summary>ProjectRequest: the body of createProject.</summary>
internal sealed record ProjectRequest(string? Name, string? Description);

namespace NeevCloud.Simulator.Contracts;

/// <summary>ProjectResponse. <see cref="Description"/> is left out when the project has none.</summary>
internal sealed record ProjectResponse(string Id, string Name, string? Description, string Status);

namespace NeevCloud.Simulator.Contracts;

/// <summary>ProjectUpdateRequest: the body of updateProject; an omitted (or null) field keeps its value.</summary>
internal sealed record ProjectUpdateRequest(string? Name, string? Description);

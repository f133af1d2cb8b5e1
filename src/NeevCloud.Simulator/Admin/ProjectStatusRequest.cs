namespace NeevCloud.Simulator.Admin;

/// <summary>Body of <c>PUT /_sim/projects/{project_id}/status</c>.</summary>
internal sealed record ProjectStatusRequest(string? Status);

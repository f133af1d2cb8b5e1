namespace NeevCloud.Simulator.Admin;

/// <summary>Body of <c>PUT /_sim/projects/{project_id}/counts</c>; an omitted count is left as it is.</summary>
internal sealed record ProjectCountsRequest(int? ApiKeys, int? Airuntimes, int? StorageVolumes);

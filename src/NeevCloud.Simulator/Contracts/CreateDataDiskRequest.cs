namespace NeevCloud.Simulator.Contracts;

/// <summary>CreateDataDiskRequest: a new empty data disk.</summary>
internal sealed record CreateDataDiskRequest(string? Name, string? Type, int? SizeGb);

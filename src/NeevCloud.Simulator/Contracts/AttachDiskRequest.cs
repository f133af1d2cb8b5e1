namespace NeevCloud.Simulator.Contracts;

/// <summary>AttachDiskRequest: an existing disk by id.</summary>
internal sealed record AttachDiskRequest(string? DiskId);

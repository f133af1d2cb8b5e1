namespace NeevCloud.Simulator.Contracts;

/// <summary>DiskResponse: a disk as part of a VM (root or data).</summary>
internal sealed record DiskResponse(string Id, string Name, string Type, int SizeGb);

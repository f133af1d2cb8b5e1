namespace NeevCloud.Simulator.Contracts;

/// <summary>CreateRootDiskRequest: a new root disk cloned from an image.</summary>
internal sealed record CreateRootDiskRequest(string? Name, int? SizeGb, string? ImageId);

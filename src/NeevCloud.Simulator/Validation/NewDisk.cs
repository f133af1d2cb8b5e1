namespace NeevCloud.Simulator.Validation;

/// <summary>A disk to create with a VM: a root disk (with an image) or a data disk.</summary>
internal sealed record NewDisk(string Name, string Type, int SizeGb, string? ImageId);

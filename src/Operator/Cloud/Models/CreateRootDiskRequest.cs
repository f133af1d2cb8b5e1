namespace NeevCloud.Operator.Cloud;

/// <summary>Create a root disk by cloning a platform image (20–2048 GB).</summary>
public sealed record CreateRootDiskRequest(string Name, int SizeGb, string ImageId);

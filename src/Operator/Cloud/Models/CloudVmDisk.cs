namespace NeevCloud.Operator.Cloud;

/// <summary>DiskResponse: a root or data disk as shown on a VM.</summary>
public sealed record CloudVmDisk(string Id, string Name, OpenEnum<DiskType> Type, int SizeGb);

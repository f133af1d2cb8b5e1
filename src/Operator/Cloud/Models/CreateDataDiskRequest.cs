namespace NeevCloud.Operator.Cloud;

/// <summary>Create a data disk for a new VM (10–2048 GB).</summary>
public sealed record CreateDataDiskRequest(string Name, OpenEnum<DiskType> Type, int SizeGb);

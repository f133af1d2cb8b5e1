namespace NeevCloud.Operator.Cloud;

/// <summary>DataDiskType of the VM Service API.</summary>
public enum DiskType
{
    Unknown,
    Block,
    Filesystem,
}

namespace NeevCloud.Simulator.Validation;

/// <summary>DataDiskType values; root disks are block volumes.</summary>
internal static class DiskTypes
{
    public const string Block = "block";
    public const string Filesystem = "filesystem";

    public static bool IsKnown(string? type) => type is Block or Filesystem;
}

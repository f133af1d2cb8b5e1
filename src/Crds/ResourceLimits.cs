namespace NeevCloud.Crds;

/// <summary>Numeric limits of the NeevCloud API, in one place for the schemas and the code that checks them.</summary>
public static class ResourceLimits
{
    public const int ResourceNameMaxLength = 20;
    public const int UuidLength = 36;
    public const int RootDiskMinSizeGb = 20;
    public const int RootDiskMaxSizeGb = 2048;
    public const int DataDiskMinSizeGb = 10;
    public const int DataDiskMaxSizeGb = 2048;
    public const int MaxDataDisksPerKind = 4;
    public const int MaxSshKeys = 10;
    public const int SshKeyMinLength = 50;
    public const int SshKeyMaxLength = 2000;
    public const int MaxExposedPorts = 10;
    public const int SshPort = 22;
    public const int ProjectNameMaxLength = 100;
}

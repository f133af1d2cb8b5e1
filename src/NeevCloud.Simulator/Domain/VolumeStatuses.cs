namespace NeevCloud.Simulator.Domain;

/// <summary>The statuses a root disk volume reports (RootDiskVolumeResponse.status).</summary>
internal static class VolumeStatuses
{
    public const string Pending = "pending";
    public const string Provisioning = "provisioning";
    public const string Ready = "ready";
    public const string Failed = "failed";
    public const string Deleting = "deleting";
}

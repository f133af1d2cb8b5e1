namespace NeevCloud.Simulator.Domain;

/// <summary>Which status follows a transitional one, one step later. Settled statuses have no entry.</summary>
internal static class Transitions
{
    private static readonly Dictionary<string, string> _vm = new(StringComparer.Ordinal)
    {
        [VmStatuses.Pending] = VmStatuses.Provisioning,
        [VmStatuses.Provisioning] = VmStatuses.Starting,
        [VmStatuses.Starting] = VmStatuses.Running,
        [VmStatuses.Restarting] = VmStatuses.Running,
        [VmStatuses.Stopping] = VmStatuses.Stopped,
        [VmStatuses.Deleting] = VmStatuses.Deleted,
    };

    private static readonly Dictionary<string, string> _volume = new(StringComparer.Ordinal)
    {
        [VolumeStatuses.Pending] = VolumeStatuses.Provisioning,
        [VolumeStatuses.Provisioning] = VolumeStatuses.Ready,
        [VolumeStatuses.Deleting] = Lifecycle.Removed,
    };

    public static string? After(LifecycleEntity entity, string status) =>
        (entity is VirtualMachine ? _vm : _volume).GetValueOrDefault(status);
}

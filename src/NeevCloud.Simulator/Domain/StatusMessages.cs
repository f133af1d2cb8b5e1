namespace NeevCloud.Simulator.Domain;

/// <summary>The <c>message</c> a VM or volume shows in each transitional status (null once settled).</summary>
internal static class StatusMessages
{
    public static string? ForVm(string status, VirtualMachine vm) => status switch
    {
        VmStatuses.Pending => $"Waiting for capacity in {vm.RegionId}",
        VmStatuses.Provisioning => $"Preparing root disk {vm.RootDisk.Name}",
        VmStatuses.Starting => "Booting",
        VmStatuses.Stopping => "Shutting down",
        VmStatuses.Restarting => "Rebooting",
        VmStatuses.Deleting => "Releasing resources",
        _ => null,
    };

    public static string? ForVolume(string status, Volume volume) => status switch
    {
        VolumeStatuses.Pending => "Queued",
        VolumeStatuses.Provisioning => volume.ImageId is { } image ? $"Cloning image {image}" : "Allocating",
        VolumeStatuses.Deleting => "Deleting",
        _ => null,
    };
}

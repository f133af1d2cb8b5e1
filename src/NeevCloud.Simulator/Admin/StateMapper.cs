using NeevCloud.Simulator.Domain;

namespace NeevCloud.Simulator.Admin;

/// <summary>Domain records to the admin API's state records; called under the store's lock.</summary>
internal static class StateMapper
{
    public static SimulatorProjectState ToState(Project project) => new(
        project.Id, project.OrganizationId, project.Name, project.Description, project.Status,
        project.ApiKeys, project.Airuntimes, project.ExtraStorageVolumes, project.CreatedAt);

    public static SimulatorVmState ToState(VirtualMachine vm) => new(
        vm.Id.ToString(), vm.OrganizationId, vm.ProjectId, vm.Name, vm.Status, vm.Message, vm.RegionId, vm.VmConfigId,
        vm.PlanId, vm.GpuConfigCount, vm.ImageId, vm.DeleteRootDisk, vm.RootDisk.Id.ToString(),
        [.. vm.DataDisks.Select(d => d.Id.ToString())], vm.PublicIp, vm.SshKeys, vm.CreatedAt, vm.UpdatedAt,
        Visible(vm.NextStatus), vm.NextAt);

    public static SimulatorVolumeState ToState(Volume volume) => new(
        volume.Id.ToString(), volume.OrganizationId, volume.ProjectId, volume.Kind == VolumeKind.Root ? "root" : "data",
        volume.Name, volume.Mode, volume.SizeGb, volume.ImageId, volume.Region, volume.PlanId, volume.Status,
        volume.Message, volume.AttachedVmId?.ToString(), volume.DeleteWithVm, volume.CreatedAt, volume.UpdatedAt,
        Visible(volume.NextStatus), volume.NextAt);

    private static string? Visible(string? next) => next == Lifecycle.Removed ? "removed" : next;
}

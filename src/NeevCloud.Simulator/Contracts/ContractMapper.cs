using NeevCloud.Simulator.Domain;

namespace NeevCloud.Simulator.Contracts;

/// <summary>Domain records to API answers; called under the store's lock.</summary>
internal static class ContractMapper
{
    public static ProjectResponse ToResponse(Project project) =>
        new(project.Id, project.Name, project.Description, project.Status);

    public static VmResponse ToResponse(VirtualMachine vm) => new(
        vm.Id.ToString(),
        vm.Name,
        vm.RegionId,
        vm.DeleteRootDisk,
        vm.Status,
        vm.Message,
        vm.VmConfigId,
        vm.GpuConfigCount,
        vm.PlanId,
        vm.ImageId,
        ToResponse(vm.RootDisk),
        vm.DataDisks.Count == 0 ? null : [.. vm.DataDisks.Select(ToResponse)],
        vm.PublicIp,
        [.. vm.ExposedPorts.Select(p => new ExposedPort(p.Port, p.Protocol))],
        vm.CreatedAt,
        vm.UpdatedAt);

    public static RootDiskVolumeResponse ToRootDiskResponse(Volume volume) => new(
        volume.Id.ToString(),
        volume.Name,
        volume.OrganizationId,
        volume.ProjectId,
        volume.Region,
        volume.SizeGb,
        volume.ImageId ?? string.Empty,
        volume.Mode,
        volume.PlanId,
        volume.Status,
        volume.Message,
        volume.AttachedVmId is not null,
        volume.AttachedVmId?.ToString(),
        volume.CreatedAt,
        volume.UpdatedAt);

    private static DiskResponse ToResponse(DiskDescriptor disk) => new(disk.Id.ToString(), disk.Name, disk.Type, disk.SizeGb);
}

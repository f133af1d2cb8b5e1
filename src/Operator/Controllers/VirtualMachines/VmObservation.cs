using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Cloud;

namespace NeevCloud.Operator.Controllers.VirtualMachines;

/// <summary>Copies what the cloud reports about a VM into the resource's status. Pure.</summary>
public static class VmObservation
{
    /// <param name="status">The resource's status, updated in place.</param>
    /// <param name="vm">The cloud's VM.</param>
    /// <param name="attachedById">
    /// The data disks the spec attaches by id. A data disk seen for the first time is recorded as created with the VM
    /// unless it is one of these; the record then stays, whatever the spec says later.
    /// </param>
    public static void Apply(VirtualMachineStatus status, CloudVm vm, VirtualMachineDataDisks? attachedById = null)
    {
        var known = (status.DataDisks ?? []).Where(d => d.Id is not null).ToDictionary(d => d.Id!, StringComparer.Ordinal);
        var attached = (attachedById?.Attach ?? []).Select(d => d.DiskId).ToHashSet(StringComparer.Ordinal);
        status.VmId = vm.Id;
        status.Phase = vm.Status.Raw;
        status.Message = string.IsNullOrEmpty(vm.Message) ? null : vm.Message;
        status.PublicIp = vm.PublicIp;
        status.ExposedPorts = vm.ExposedPorts is { Count: > 0 } ports
            ? [.. ports.Select(p => new ExposedPortStatus { Port = p.Port, Protocol = p.Protocol.Raw })]
            : null;
        status.RootDisk = vm.RootDisk is { } root ? Disk(root) : status.RootDisk;
        status.DataDisks = vm.DataDisks is { Count: > 0 } disks
            ? [.. disks.Select(d => Disk(d, known.GetValueOrDefault(d.Id)?.CreatedWithVm ?? !attached.Contains(d.Id)))]
            : null;
    }

    private static DiskStatus Disk(CloudVmDisk disk, bool? createdWithVm = null) =>
        new() { Id = disk.Id, Name = disk.Name, Type = disk.Type.Raw, SizeGb = disk.SizeGb, CreatedWithVm = createdWithVm };
}

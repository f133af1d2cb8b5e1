using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Cloud;

namespace NeevCloud.Operator.Controllers.VirtualMachines;

/// <summary>Copies what the cloud reports about a VM into the resource's status. Pure.</summary>
public static class VmObservation
{
    public static void Apply(VirtualMachineStatus status, CloudVm vm)
    {
        status.VmId = vm.Id;
        status.Phase = vm.Status.Raw;
        status.Message = string.IsNullOrEmpty(vm.Message) ? null : vm.Message;
        status.PublicIp = vm.PublicIp;
        status.ExposedPorts = vm.ExposedPorts is { Count: > 0 } ports
            ? [.. ports.Select(p => new ExposedPortStatus { Port = p.Port, Protocol = p.Protocol.Raw })]
            : null;
        status.RootDisk = vm.RootDisk is { } root ? Disk(root) : status.RootDisk;
        status.DataDisks = vm.DataDisks is { Count: > 0 } disks ? [.. disks.Select(Disk)] : null;
    }

    private static DiskStatus Disk(CloudVmDisk disk) =>
        new() { Id = disk.Id, Name = disk.Name, Type = disk.Type.Raw, SizeGb = disk.SizeGb };
}

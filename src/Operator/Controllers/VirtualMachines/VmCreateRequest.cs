using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Cloud;
using CloudExposedPort = NeevCloud.Operator.Cloud.ExposedPort;
using CloudPortProtocol = NeevCloud.Operator.Cloud.PortProtocol;
using CrdPortProtocol = NeevCloud.Crds.VirtualMachines.PortProtocol;

namespace NeevCloud.Operator.Controllers.VirtualMachines;

/// <summary>The createVM body for a VirtualMachine: every field of the spec, nothing invented. Pure.</summary>
public static class VmCreateRequest
{
    /// <param name="vm">The resource; metadata.name is the cloud VM name.</param>
    /// <param name="attachDiskId">
    /// The root disk to attach: resolved from rootDisk.attach (a rootDiskRef's diskId or the diskId itself), or the
    /// disk a replacement keeps; null to create the disk rootDisk.create describes.
    /// </param>
    public static CreateVmRequest For(VirtualMachine vm, string? attachDiskId)
    {
        var spec = vm.Spec;
        var creates = attachDiskId is null;
        var rootDisk = attachDiskId is not null
            ? RootDiskSource.Attach(attachDiskId)
            : (spec.RootDisk ?? throw new ArgumentException("a VM to create needs spec.rootDisk (the CRD requires it without spec.vmId)", nameof(vm))).Create is { } create
                ? RootDiskSource.Create(create.Name, create.SizeGb, create.ImageId)
                : throw new ArgumentException("a root disk to attach needs its disk id", nameof(attachDiskId));
        return new CreateVmRequest(vm.Metadata.Name, spec.RegionId, spec.VmConfigId, spec.PlanId, rootDisk)
        {
            GpuConfigCount = spec.GpuCount,
            DataDisks = DataDisks(spec.DataDisks),
            SshKeys = spec.SshKeys is { Count: > 0 } keys ? [.. keys] : null,
            ExposedPorts = spec.ExposedPorts is { Count: > 0 } ports
                ? [.. ports.Select(p => new CloudExposedPort(p.Port, p.Protocol == CrdPortProtocol.Udp ? CloudPortProtocol.Udp : CloudPortProtocol.Tcp))]
                : null,
            // The API ignores delete_root_disk for an attached disk; sending it only with create keeps the body honest.
            DeleteRootDisk = creates ? spec.DeleteRootDisk : null,
        };
    }

    private static DataDisksRequest? DataDisks(VirtualMachineDataDisks? disks)
    {
        var attach = disks?.Attach is { Count: > 0 } a ? a.Select(d => new AttachDiskRequest(d.DiskId)).ToList() : null;
        var create = disks?.Create is { Count: > 0 } c
            ? c.Select(d => new CreateDataDiskRequest(d.Name, d.Type == DataDiskType.Block ? DiskType.Block : DiskType.Filesystem, d.SizeGb)).ToList()
            : null;
        return attach is null && create is null ? null : new DataDisksRequest(attach, create);
    }
}

using NeevCloud.Simulator.Contracts;
using NeevCloud.Simulator.Validation;

namespace NeevCloud.Simulator.Domain;

/// <summary>The VM Service's VMs: list, create, get, delete and the three power actions.</summary>
internal sealed partial class CloudState
{
    public Outcome<ListResponse<VmResponse>> ListVms(string organizationId, string projectId, PageRequest page)
    {
        lock (_gate)
        {
            Advance();
            var (project, failure) = FindProject(organizationId, projectId);
            if (project is null)
            {
                return failure!;
            }

            var vms = _vms.Values.Where(vm => vm.ProjectId == project.Id).OrderBy(vm => vm.Sequence).ToList();
            return Paginator.Page(vms, page, ContractMapper.ToResponse);
        }
    }

    public Outcome<VmResponse> CreateVm(string organizationId, string projectId, VmCreation request)
    {
        lock (_gate)
        {
            var now = Advance();
            var (project, failure) = FindProject(organizationId, projectId);
            if (project is null)
            {
                return failure!;
            }

            failure = CheckCatalog(request);
            var rootToAttach = request.AttachRootDiskId is Guid rootId ? FindAttachable(project, rootId, request.RegionId, asRoot: true, ref failure) : null;
            var dataToAttach = new List<Volume>();
            foreach (var id in request.AttachDataDiskIds)
            {
                if (FindAttachable(project, id, request.RegionId, asRoot: false, ref failure) is { } volume)
                {
                    dataToAttach.Add(volume);
                }
            }

            if (failure is not null)
            {
                return failure;
            }

            var live = _vms.Values.Count(vm => vm.ProjectId == project.Id && vm.Status != VmStatuses.Deleted);
            if (live >= options.MaxVmsPerProject)
            {
                return new Failure(400, ErrorCodes.ResourceLimitExceeded,
                    $"Project {projectId} already has {options.MaxVmsPerProject} VMs, the most it may have.");
            }

            var vmId = _ids.Next();
            var rootDisk = rootToAttach ?? NewVolume(project, vmId, VolumeKind.Root, request.NewRootDisk!, request, now);
            rootDisk.DeleteWithVm = rootToAttach is null && request.DeleteRootDisk;
            var dataDisks = dataToAttach
                .Concat(request.NewDataDisks.Select(d => NewVolume(project, vmId, VolumeKind.Data, d, request, now)))
                .ToList();
            foreach (var attached in dataToAttach.Append(rootToAttach).OfType<Volume>())
            {
                attached.AttachedVmId = vmId;
                attached.DeleteWithVm = false;
                attached.UpdatedAt = now;
            }

            var vm = new VirtualMachine(vmId, organizationId, project.Id, now, NextSequence())
            {
                Name = request.Name,
                RegionId = request.RegionId,
                VmConfigId = request.VmConfigId,
                PlanId = request.PlanId,
                GpuConfigCount = request.GpuConfigCount,
                ImageId = rootDisk.ImageId ?? string.Empty,
                DeleteRootDisk = rootDisk.DeleteWithVm,
                RootDisk = rootDisk.Describe(),
                DataDisks = [.. dataDisks.Select(d => d.Describe())],
                SshKeys = request.SshKeys,
                ExposedPorts = request.ExposedPorts,
            };
            _vms.Add(vm.Id, vm);
            Enter(vm, VmStatuses.Pending, now);
            return ContractMapper.ToResponse(vm);
        }
    }

    public Outcome<VmResponse> GetVm(string organizationId, string projectId, Guid vmId) =>
        WithVm(organizationId, projectId, vmId, (_, _) => null);

    /// <summary>Accepted from any status; a VM already deleting or deleted is left as it is.</summary>
    public Outcome<VmResponse> DeleteVm(string organizationId, string projectId, Guid vmId) =>
        WithVm(organizationId, projectId, vmId, (vm, now) =>
        {
            if (vm.Status is not (VmStatuses.Deleting or VmStatuses.Deleted))
            {
                Enter(vm, VmStatuses.Deleting, now);
            }

            return null;
        });

    /// <summary>stopped → starting → running; no effect when running or starting; 400 otherwise.</summary>
    public Outcome<VmResponse> StartVm(string organizationId, string projectId, Guid vmId) =>
        WithVm(organizationId, projectId, vmId, (vm, now) => PowerAction(
            vm, now, "start", from: VmStatuses.Stopped, to: VmStatuses.Starting, noEffect: [VmStatuses.Running, VmStatuses.Starting]));

    /// <summary>running → stopping → stopped; no effect when stopped or stopping; 400 otherwise.</summary>
    public Outcome<VmResponse> StopVm(string organizationId, string projectId, Guid vmId) =>
        WithVm(organizationId, projectId, vmId, (vm, now) => PowerAction(
            vm, now, "stop", from: VmStatuses.Running, to: VmStatuses.Stopping, noEffect: [VmStatuses.Stopped, VmStatuses.Stopping]));

    /// <summary>running → restarting → running; no effect when stopped ("not running") or restarting; 400 otherwise.</summary>
    public Outcome<VmResponse> RestartVm(string organizationId, string projectId, Guid vmId) =>
        WithVm(organizationId, projectId, vmId, (vm, now) => PowerAction(
            vm, now, "restart", from: VmStatuses.Running, to: VmStatuses.Restarting, noEffect: [VmStatuses.Stopped, VmStatuses.Restarting]));

    private Failure? PowerAction(VirtualMachine vm, DateTimeOffset now, string action, string from, string to, string[] noEffect)
    {
        if (vm.Status == from)
        {
            Enter(vm, to, now);
            return null;
        }

        return noEffect.Contains(vm.Status)
            ? null
            : new Failure(400, ErrorCodes.InvalidState, $"VM {vm.Id} is {vm.Status}: it cannot {action} now.");
    }

    /// <summary>Finds the VM in the project, applies <paramref name="act"/> and answers the VM as it is afterwards.</summary>
    private Outcome<VmResponse> WithVm(
        string organizationId, string projectId, Guid vmId, Func<VirtualMachine, DateTimeOffset, Failure?> act)
    {
        lock (_gate)
        {
            var now = Advance();
            var (project, failure) = FindProject(organizationId, projectId);
            if (project is null)
            {
                return failure!;
            }

            if (!_vms.TryGetValue(vmId, out var vm) || vm.ProjectId != project.Id)
            {
                return Failure.NotFound($"VM {vmId} was not found in project {projectId}.");
            }

            failure = act(vm, now);
            return failure is null ? ContractMapper.ToResponse(vm) : failure;
        }
    }

    private Failure? CheckCatalog(VmCreation request)
    {
        if (!Catalog.HasRegion(request.RegionId))
        {
            return Failure.NotFound($"Region {request.RegionId} was not found.");
        }

        if (request.NewRootDisk?.ImageId is { } image && !Catalog.HasImage(image))
        {
            return Failure.NotFound($"Image {image} was not found.");
        }

        if (!Catalog.HasVmConfig(request.VmConfigId))
        {
            return Failure.BadRequest($"vm_config_id: unknown VM configuration {request.VmConfigId}.");
        }

        return Catalog.HasPlan(request.PlanId) ? null : Failure.BadRequest($"plan_id: unknown plan {request.PlanId}.");
    }

    /// <summary>
    /// An existing disk to attach: 404 when the project has no such disk (a root disk by the root-disk list's
    /// rules), 409 when another VM holds it, 400 when it is not ready or lives in another region.
    /// Keeps the first failure found.
    /// </summary>
    private Volume? FindAttachable(Project project, Guid id, string regionId, bool asRoot, ref Failure? failure)
    {
        var what = asRoot ? "Root disk" : "Disk";
        if (!_volumes.TryGetValue(id, out var volume) || volume.ProjectId != project.Id || (asRoot && volume.Kind != VolumeKind.Root))
        {
            failure ??= Failure.NotFound($"{what} {id} was not found in project {project.Id}.");
            return null;
        }

        if (volume.AttachedVmId is Guid holder)
        {
            failure ??= Failure.Conflict(ErrorCodes.DiskAttached, $"{what} {id} is already attached to VM {holder}.");
        }
        else if (volume.Status != VolumeStatuses.Ready)
        {
            failure ??= new Failure(400, ErrorCodes.InvalidState, $"{what} {id} is {volume.Status}, not ready.");
        }
        else if (volume.Region != regionId)
        {
            failure ??= Failure.BadRequest($"{what} {id} is in region {volume.Region}, not {regionId}.");
        }

        return volume;
    }

    private Volume NewVolume(Project project, Guid vmId, VolumeKind kind, NewDisk disk, VmCreation request, DateTimeOffset now)
    {
        var volume = new Volume(_ids.Next(), project.OrganizationId, project.Id, kind, now, NextSequence())
        {
            Name = disk.Name,
            Mode = disk.Type,
            SizeGb = disk.SizeGb,
            ImageId = disk.ImageId,
            Region = request.RegionId,
            PlanId = request.PlanId,
            AttachedVmId = vmId,
            DeleteWithVm = kind == VolumeKind.Data,
        };
        _volumes.Add(volume.Id, volume);
        Enter(volume, VolumeStatuses.Pending, now);
        return volume;
    }
}

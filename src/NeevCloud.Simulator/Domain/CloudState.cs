namespace NeevCloud.Simulator.Domain;

/// <summary>
/// The simulated cloud: projects, VMs and volumes in memory behind one lock. Time is read from the
/// <see cref="TimeProvider"/> on every call, and every step that has come due since the last call is applied first,
/// in time order — so the lifecycle moves with the clock (a fake one in tests, the system clock otherwise) without
/// any timer. Answers are built inside the lock, so a caller never sees a half-applied change.
/// </summary>
internal sealed partial class CloudState(SimulatorOptions options, Catalog catalog, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Project> _projects = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, VirtualMachine> _vms = [];
    private readonly Dictionary<Guid, Volume> _volumes = [];
    private readonly LifecycleQueue _queue = new();
    private readonly PublicIpPool _ips = new();
    private readonly IdGenerator _ids = new(options.Seed);
    private long _sequence;

    public Catalog Catalog { get; } = catalog;

    private TimeSpan Step => options.StepDuration;

    /// <summary>Forgets every project, VM and volume (ids already handed out are never minted again).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _projects.Clear();
            _vms.Clear();
            _volumes.Clear();
            _queue.Clear();
            _ips.Reset();
        }
    }

    /// <summary>Applies every step due by now; returns now. Under the lock.</summary>
    private DateTimeOffset Advance()
    {
        var now = time.GetUtcNow();
        while (_queue.TryTakeDue(now, out var step))
        {
            if (step.Entity.TryTakePlanned(step, out var next))
            {
                Enter(step.Entity, next, step.At);
            }
        }

        return now;
    }

    private void Enter(LifecycleEntity entity, string status, DateTimeOffset at)
    {
        switch (entity)
        {
            case VirtualMachine vm:
                EnterVm(vm, status, at);
                break;
            case Volume volume:
                EnterVolume(volume, status, at);
                break;
        }
    }

    /// <summary>Puts a VM in a status, with that status's side effects and its next planned step.</summary>
    private void EnterVm(VirtualMachine vm, string status, DateTimeOffset at)
    {
        vm.CancelPlan();
        if (status == Lifecycle.Removed)
        {
            _vms.Remove(vm.Id);
            vm.IsRemoved = true;
            return;
        }

        vm.Status = status;
        vm.Message = StatusMessages.ForVm(status, vm);
        vm.UpdatedAt = at;
        switch (status)
        {
            case VmStatuses.Pending:
                Plan(vm, VmStatuses.Provisioning, at + Step);
                break;
            case VmStatuses.Provisioning:
                Plan(vm, VmStatuses.Starting, at + Step);
                break;
            case VmStatuses.Starting:
            case VmStatuses.Restarting:
                Plan(vm, VmStatuses.Running, at + Step);
                break;
            case VmStatuses.Stopping:
                Plan(vm, VmStatuses.Stopped, at + Step);
                break;
            case VmStatuses.Deleting:
                Plan(vm, VmStatuses.Deleted, at + Step);
                break;
            case VmStatuses.Running:
                vm.PublicIp ??= _ips.Allocate();
                break;
            case VmStatuses.Deleted:
                Release(vm, at);
                break;
        }
    }

    /// <summary>A VM is gone: its IP is released, its disks detached (or deleted with it), its record kept a while.</summary>
    private void Release(VirtualMachine vm, DateTimeOffset at)
    {
        vm.PublicIp = null;
        foreach (var volumeId in vm.VolumeIds)
        {
            if (_volumes.TryGetValue(volumeId, out var volume) && volume.AttachedVmId == vm.Id)
            {
                volume.AttachedVmId = null;
                volume.UpdatedAt = at;
                if (volume.DeleteWithVm)
                {
                    EnterVolume(volume, VolumeStatuses.Deleting, at);
                }
            }
        }

        if (options.DeletedVmRetention <= TimeSpan.Zero)
        {
            EnterVm(vm, Lifecycle.Removed, at);
        }
        else
        {
            Plan(vm, Lifecycle.Removed, at + options.DeletedVmRetention);
        }
    }

    private void EnterVolume(Volume volume, string status, DateTimeOffset at)
    {
        volume.CancelPlan();
        if (status == Lifecycle.Removed)
        {
            _volumes.Remove(volume.Id);
            volume.IsRemoved = true;
            return;
        }

        volume.Status = status;
        volume.Message = StatusMessages.ForVolume(status, volume);
        volume.UpdatedAt = at;
        switch (status)
        {
            case VolumeStatuses.Pending:
                Plan(volume, VolumeStatuses.Provisioning, at + Step);
                break;
            case VolumeStatuses.Provisioning:
                Plan(volume, VolumeStatuses.Ready, at + Step);
                break;
            case VolumeStatuses.Deleting:
                Plan(volume, Lifecycle.Removed, at + Step);
                break;
        }
    }

    private void Plan(LifecycleEntity entity, string next, DateTimeOffset at) => _queue.Add(entity.Plan(next, at));

    private long NextSequence() => ++_sequence;
}

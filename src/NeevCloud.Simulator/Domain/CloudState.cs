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

    /// <summary>
    /// Forgets every project, VM and volume (ids already handed out are never minted again), then
    /// puts back the configured fixtures.
    /// </summary>
    public void Reset()
    {
        lock (_gate)
        {
            _projects.Clear();
            _vms.Clear();
            _volumes.Clear();
            _queue.Clear();
            _ips.Reset();
            AddFixtures();
        }
    }

    /// <summary>The configured fixtures: projects and ready, unattached root disks with fixed ids. Under the lock.</summary>
    private void AddFixtures()
    {
        var now = time.GetUtcNow();
        foreach (var fixture in options.Fixtures)
        {
            var project = new Project(fixture.Id, fixture.OrganizationId, fixture.Name, EmptyAsNull(fixture.Description), now, NextSequence());
            _projects[project.Id] = project;
            foreach (var disk in fixture.RootDisks)
            {
                var volume = new Volume(disk.Id, project.OrganizationId, project.Id, VolumeKind.Root, now, NextSequence())
                {
                    Name = disk.Name,
                    Mode = "block",
                    SizeGb = disk.SizeGb,
                    ImageId = disk.ImageId,
                    Region = disk.Region,
                    PlanId = disk.PlanId,
                };
                _volumes[volume.Id] = volume;
                Enter(volume, VolumeStatuses.Ready, now);
            }
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

    /// <summary>
    /// Puts a VM or volume in a status: drops its planned step, plans the next one if the status is transitional,
    /// and applies the status's side effects (a running VM gets its IP, a deleted one lets go of its disks).
    /// </summary>
    private void Enter(LifecycleEntity entity, string status, DateTimeOffset at)
    {
        entity.CancelPlan();
        if (status == Lifecycle.Removed)
        {
            entity.IsRemoved = true;
            if (entity is VirtualMachine)
            {
                _vms.Remove(entity.Id);
            }
            else
            {
                _volumes.Remove(entity.Id);
            }

            return;
        }

        entity.Status = status;
        entity.UpdatedAt = at;
        entity.Message = entity switch
        {
            VirtualMachine vm => StatusMessages.ForVm(status, vm),
            Volume volume => StatusMessages.ForVolume(status, volume),
            _ => null,
        };
        if (Transitions.After(entity, status) is { } next)
        {
            Plan(entity, next, at + Step);
        }

        if (entity is VirtualMachine machine)
        {
            if (status == VmStatuses.Running)
            {
                machine.PublicIp ??= _ips.Allocate();
            }
            else if (status == VmStatuses.Deleted)
            {
                Release(machine, at);
            }
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
                    Enter(volume, VolumeStatuses.Deleting, at);
                }
            }
        }

        if (options.DeletedVmRetention <= TimeSpan.Zero)
        {
            Enter(vm, Lifecycle.Removed, at);
        }
        else
        {
            Plan(vm, Lifecycle.Removed, at + options.DeletedVmRetention);
        }
    }

    private void Plan(LifecycleEntity entity, string next, DateTimeOffset at) => _queue.Add(entity.Plan(next, at));

    private long NextSequence() => ++_sequence;
}

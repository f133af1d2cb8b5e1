using NeevCloud.Simulator.Admin;

namespace NeevCloud.Simulator.Domain;

/// <summary>What the admin API does behind the API's back: console actions, forced statuses and counts.</summary>
internal sealed partial class CloudState
{
    public SimulatorState GetState()
    {
        lock (_gate)
        {
            var now = Advance();
            return new SimulatorState(
                now,
                [.. _projects.Values.OrderBy(p => p.Sequence).Select(StateMapper.ToState)],
                [.. _vms.Values.OrderBy(v => v.Sequence).Select(StateMapper.ToState)],
                [.. _volumes.Values.OrderBy(v => v.Sequence).Select(StateMapper.ToState)]);
        }
    }

    /// <summary>The VM fails with <paramref name="message"/>; planned steps are dropped, disks stay attached.</summary>
    public Outcome<SimulatorVmState> FailVm(Guid vmId, string message) => WithAnyVm(vmId, (vm, now) =>
    {
        Enter(vm, VmStatuses.Failed, now);
        vm.Message = message;
        return null;
    });

    /// <summary>A stop from the console: running, starting or restarting → stopping → stopped.</summary>
    public Outcome<SimulatorVmState> StopVmOutOfBand(Guid vmId) => WithAnyVm(vmId, (vm, now) =>
    {
        switch (vm.Status)
        {
            case VmStatuses.Running or VmStatuses.Starting or VmStatuses.Restarting:
                Enter(vm, VmStatuses.Stopping, now);
                return null;
            case VmStatuses.Stopped or VmStatuses.Stopping:
                return null;
            default:
                return Failure.Conflict(ErrorCodes.InvalidState, $"VM {vm.Id} is {vm.Status}: there is nothing to stop.");
        }
    });

    /// <summary>Any status string, with no side effect and no next step (for tests of statuses the API may add).</summary>
    public Outcome<SimulatorVmState> ForceVmStatus(Guid vmId, string status, string? message) => WithAnyVm(vmId, (vm, now) =>
    {
        vm.CancelPlan();
        vm.Status = status;
        vm.Message = message;
        vm.UpdatedAt = now;
        return null;
    });

    /// <summary>A delete from the console (deleting → deleted → removed), or with <paramref name="purge"/> gone at once (404).</summary>
    public Outcome<SimulatorVmState> DeleteVmOutOfBand(Guid vmId, bool purge) => WithAnyVm(vmId, (vm, now) =>
    {
        if (purge)
        {
            if (vm.Status != VmStatuses.Deleted)
            {
                Enter(vm, VmStatuses.Deleted, now);
            }

            if (!vm.IsRemoved)
            {
                Enter(vm, Lifecycle.Removed, now);
            }
        }
        else if (vm.Status is not (VmStatuses.Deleting or VmStatuses.Deleted))
        {
            Enter(vm, VmStatuses.Deleting, now);
        }

        return null;
    });

    /// <summary>Sets the counts a deleteProject 409 reports; null leaves a count as it is.</summary>
    public Outcome<SimulatorProjectState> SetProjectCounts(string projectId, int? apiKeys, int? airuntimes, int? storageVolumes) =>
        WithAnyProject(projectId, project =>
        {
            if (apiKeys is < 0 || airuntimes is < 0 || storageVolumes is < 0)
            {
                return Failure.BadRequest("Counts must not be negative.");
            }

            project.ApiKeys = apiKeys ?? project.ApiKeys;
            project.Airuntimes = airuntimes ?? project.Airuntimes;
            project.ExtraStorageVolumes = storageVolumes ?? project.ExtraStorageVolumes;
            return null;
        });

    /// <summary>Sets the project's ResourceState (active, suspended, archived, inactive).</summary>
    public Outcome<SimulatorProjectState> SetProjectStatus(string projectId, string status) =>
        WithAnyProject(projectId, project =>
        {
            if (!ProjectStatuses.All.Contains(status))
            {
                return Failure.BadRequest($"status must be one of {string.Join(", ", ProjectStatuses.All)}.");
            }

            project.Status = status;
            return null;
        });

    private Outcome<SimulatorVmState> WithAnyVm(Guid vmId, Func<VirtualMachine, DateTimeOffset, Failure?> act)
    {
        lock (_gate)
        {
            var now = Advance();
            if (!_vms.TryGetValue(vmId, out var vm))
            {
                return Failure.NotFound($"VM {vmId} was not found.");
            }

            return act(vm, now) is { } failure ? failure : StateMapper.ToState(vm);
        }
    }

    private Outcome<SimulatorProjectState> WithAnyProject(string projectId, Func<Project, Failure?> act)
    {
        lock (_gate)
        {
            Advance();
            if (!_projects.TryGetValue(projectId, out var project))
            {
                return Failure.NotFound($"Project {projectId} was not found.");
            }

            return act(project) is { } failure ? failure : StateMapper.ToState(project);
        }
    }
}

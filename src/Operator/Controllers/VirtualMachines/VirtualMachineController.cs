using Microsoft.Extensions.Options;
using NeevCloud.Crds;
using NeevCloud.Crds.RootDisks;
using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Cloud;
using NeevCloud.Operator.Controllers.Projects;
using NeevCloud.Operator.Runtime;

namespace NeevCloud.Operator.Controllers.VirtualMachines;

/// <summary>
/// Keeps a NeevCloud VM in line with a VirtualMachine resource (design §2.2): create it once
/// (crash-safe), follow its status from the project's shared LIST, drive power state and
/// restarts; on deletion delete it in the cloud and keep (or delete) its root disk as asked.
/// </summary>
public sealed class VirtualMachineController(
    INeevCloudClient cloud,
    CloudVmSnapshots snapshots,
    ProjectReferences projects,
    EntityCache<RootDisk> rootDisks,
    KeptRootDisks keptRootDisks,
    EventRecorder events,
    IOptions<RefreshOptions> refresh,
    TimeProvider time) : IEntityController<VirtualMachine>, IEntityFinalizer<VirtualMachine>
{
    public const string Name = "virtualmachine";

    /// <summary>How far a restarted operator's clock may be from the cloud's when matching a VM it may have created.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Intents this process recorded and has not yet sent a POST for (by resource uid). Only these
    /// may skip the look-up by name: after a restart or a failed POST the look-up is mandatory.
    /// </summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTime> _unsentIntents = new();

    private RefreshOptions Refresh => refresh.Value;

    /// <summary>While anything moves, a LIST this old is too old; half the poll interval keeps Ready within one poll of the cloud.</summary>
    private TimeSpan FreshEnough => Refresh.Transitioning / 2;

    /// <summary>
    /// A moving VM's own next pass. The poller's LIST queues it as soon as it changes, so this is
    /// only a safety net; it also renews the request to keep the project's LIST fresh.
    /// </summary>
    private TimeSpan MovingRecheck => Refresh.Transitioning * 10;

    public async Task<ReconcileResult> ReconcileAsync(VirtualMachine vm, CancellationToken cancellationToken)
    {
        using var calls = CloudCallContext.BeginController(Name);
        var status = vm.Status ??= new VirtualMachineStatus();
        try
        {
            return status.VmId is null
                ? await CreateAsync(vm, cancellationToken)
                : await ObserveAndActAsync(vm, cancellationToken);
        }
        catch (NeevCloudApiException ex) when (CloudFailures.IsCredentialProblem(ex))
        {
            SetStatus(vm, CloudFailures.Unauthorized(ex));
            return ReconcileResult.After(Refresh.Stable);
        }
    }

    public async Task<FinalizeResult> FinalizeAsync(VirtualMachine vm, CancellationToken cancellationToken)
    {
        using var calls = CloudCallContext.BeginController(Name);
        var status = vm.Status ??= new VirtualMachineStatus();
        if (vm.Spec.DeletionPolicy == DeletionPolicy.Orphan)
        {
            Forget(status);
            return FinalizeResult.Done;
        }

        var org = status.OrganizationId;
        var projectId = status.ProjectId;
        if (org is null || projectId is null)
        {
            // Never got as far as a create: nothing in the cloud can be ours.
            return FinalizeResult.Done;
        }

        var vmId = status.VmId ?? (await FindCreatedByUsAsync(vm, org, projectId, cancellationToken))?.Id;
        if (vmId is null)
        {
            return FinalizeResult.Done;
        }

        var current = await FindAsync(org, projectId, vmId, FreshEnough, cancellationToken);
        if (current is not null && current.Status.Value != VmStatus.Deleted)
        {
            if (current.Status.Value != VmStatus.Deleting)
            {
                try
                {
                    await cloud.DeleteVmAsync(org, projectId, vmId, cancellationToken);
                    snapshots.Record(org, projectId, current with { Status = VmStatus.Deleting });
                }
                catch (NeevCloudApiException ex) when (ex.Kind == CloudErrorKind.NotFound)
                {
                    // Gone between the LIST and the DELETE: the next pass sees it gone.
                }
            }

            status.Phase = VmStatus.Deleting.ToString().ToLowerInvariant();
            SetStatus(vm, Readiness.InProgress("Deleting", $"waiting for NeevCloud to delete VM {vmId}"));
            snapshots.Track(vmId, ObjectKey.Of(vm));
            KeepProjectFresh(org, projectId);
            return FinalizeResult.Retry(MovingRecheck);
        }

        var rootDisk = await keptRootDisks.ReleaseAsync(vm, cancellationToken);
        if (!rootDisk.Completed)
        {
            SetStatus(vm, Readiness.InProgress(
                "DeletingRootDisk",
                $"the cloud VM is deleted; deleting its root disk {status.RootDisk?.Id} too, because Project {vm.Spec.ProjectRef.Name} is being deleted"));
            return rootDisk;
        }

        Forget(status);
        return FinalizeResult.Done;
    }

    private async Task<ReconcileResult> CreateAsync(VirtualMachine vm, CancellationToken cancellationToken)
    {
        var status = vm.Status!;
        var project = projects.Resolve(vm.Metadata.NamespaceProperty, vm.Spec.ProjectRef.Name);
        if (project.Waiting is { } waitForProject)
        {
            SetStatus(vm, waitForProject);
            return ReconcileResult.After(Refresh.Blocked);
        }

        if (!TryResolveRootDisk(vm, out var attachDiskId, out var waitForDisk))
        {
            SetStatus(vm, waitForDisk!);
            return ReconcileResult.After(Refresh.Blocked);
        }

        var org = project.OrganizationId!;
        var projectId = project.ProjectId!;
        if (status.CreateRequestedAt is null)
        {
            // Record the intent before the POST: after a crash between POST and status write,
            // the next pass finds the VM by name instead of creating a second one.
            status.OrganizationId = org;
            status.ProjectId = projectId;
            var now = time.GetUtcNow().UtcDateTime;
            status.CreateRequestedAt = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
            _unsentIntents[vm.Metadata.Uid] = status.CreateRequestedAt.Value;
            // A restart asked for before the VM exists is moot: the new VM boots fresh.
            status.LastHandledRestartRequestedAt = vm.Spec.RestartRequestedAt;
            SetStatus(vm, Readiness.InProgress("Creating", $"creating VM '{vm.Metadata.Name}' in cloud project {projectId}"));
            return ReconcileResult.After(TimeSpan.Zero);
        }

        // Intent recorded by an earlier pass: that POST may have gone through with its answer lost.
        org = status.OrganizationId ?? org;
        projectId = status.ProjectId ?? projectId;
        var neverSent = _unsentIntents.TryRemove(vm.Metadata.Uid, out var unsent) && unsent == status.CreateRequestedAt;
        var created = neverSent ? null : await FindCreatedByUsAsync(vm, org, projectId, cancellationToken);
        if (created is null)
        {
            try
            {
                created = await cloud.CreateVmAsync(org, projectId, VmCreateRequest.For(vm, attachDiskId), cancellationToken);
            }
            catch (NeevCloudApiException ex) when (ex.Kind is CloudErrorKind.Validation or CloudErrorKind.NotFound)
            {
                // Nothing was created; only a spec change can help, and that starts a new pass.
                status.CreateRequestedAt = null;
                var message = $"NeevCloud rejected the VM: {ex.ServerMessage}";
                SetStatus(vm, Readiness.IsStalled("InvalidSpec", message));
                await events.RecordAsync(vm, "Warning", "InvalidSpec", "Create", message, cancellationToken);
                return ReconcileResult.Done;
            }
            catch (NeevCloudApiException ex) when (ex.Kind == CloudErrorKind.Conflict)
            {
                status.CreateRequestedAt = null;
                var message = $"{ex.ServerMessage} The root disk is in use by another VM: delete that VM or attach another disk. Creation is retried now and then.";
                SetStatus(vm, Readiness.IsStalled("DiskAttached", message));
                await events.RecordAsync(vm, "Warning", "DiskAttached", "Create", message, cancellationToken);
                return ReconcileResult.After(Refresh.Stable);
            }

            await events.RecordAsync(vm, "Normal", "Created", "Create", $"created cloud VM {created.Id} in project {projectId}", cancellationToken);
        }

        status.CreateRequestedAt = null;
        snapshots.Record(org, projectId, created);
        snapshots.Track(created.Id, ObjectKey.Of(vm));
        return Report(vm, created);
    }

    private async Task<ReconcileResult> ObserveAndActAsync(VirtualMachine vm, CancellationToken cancellationToken)
    {
        var status = vm.Status!;
        var (org, projectId, vmId) = (status.OrganizationId!, status.ProjectId!, status.VmId!);
        snapshots.Track(vmId, ObjectKey.Of(vm));

        // A spec the operator has not acted on yet, or a VM on the move, deserves a fresh look.
        var maxAge = status.ObservedGeneration != vm.Metadata.Generation || IsMoving(status) ? FreshEnough : Refresh.Stable;
        var current = await FindAsync(org, projectId, vmId, maxAge, cancellationToken);
        if (current is null)
        {
            status.Phase = VmStatus.Deleted.ToString().ToLowerInvariant();
            status.PublicIp = null;
            return await ReportDeletedOutOfBandAsync(vm, cancellationToken);
        }

        if (current.Status.Value == VmStatus.Deleted)
        {
            VmObservation.Apply(status, current);
            return await ReportDeletedOutOfBandAsync(vm, cancellationToken);
        }

        var acted = await ActAsync(vm, current, cancellationToken);
        if (acted is not null)
        {
            snapshots.Record(org, projectId, acted);
        }

        return Report(vm, acted ?? current);
    }

    /// <summary>One step towards the spec, if one is due; returns the VM as the cloud answered it.</summary>
    private async Task<CloudVm?> ActAsync(VirtualMachine vm, CloudVm current, CancellationToken cancellationToken)
    {
        var spec = vm.Spec;
        var status = vm.Status!;
        var (org, projectId) = (status.OrganizationId!, status.ProjectId!);
        try
        {
            switch (current.Status.Value)
            {
                case VmStatus.Running when spec.PowerState == PowerState.Stopped:
                    await events.RecordAsync(vm, "Normal", "Stopping", "Stop", "stopping the VM: spec.powerState is Stopped", cancellationToken);
                    return await cloud.StopVmAsync(org, projectId, current.Id, cancellationToken);

                case VmStatus.Stopped when spec.PowerState == PowerState.Running:
                    await events.RecordAsync(
                        vm, "Normal", "Starting", "Start", "starting the VM: spec.powerState is Running but NeevCloud reports it stopped", cancellationToken);
                    return await cloud.StartVmAsync(org, projectId, current.Id, cancellationToken);

                case VmStatus.Running when RestartRequested(vm):
                    status.LastHandledRestartRequestedAt = spec.RestartRequestedAt;
                    await events.RecordAsync(
                        vm, "Normal", "Restarting", "Restart", $"restarting the VM as spec.restartRequestedAt={spec.RestartRequestedAt} asks", cancellationToken);
                    return await cloud.RestartVmAsync(org, projectId, current.Id, cancellationToken);

                case VmStatus.Stopped when RestartRequested(vm):
                    // Nothing runs that could be restarted: the request is satisfied as it stands.
                    status.LastHandledRestartRequestedAt = spec.RestartRequestedAt;
                    return null;

                default:
                    return null;
            }
        }
        catch (NeevCloudApiException ex) when (ex.Kind == CloudErrorKind.Validation)
        {
            // invalid_state: our view was a LIST old; the next fresh look decides again.
            return null;
        }
    }

    private static bool RestartRequested(VirtualMachine vm) =>
        vm.Spec.RestartRequestedAt is { Length: > 0 } asked && asked != vm.Status!.LastHandledRestartRequestedAt;

    private ReconcileResult Report(VirtualMachine vm, CloudVm current)
    {
        var status = vm.Status!;
        VmObservation.Apply(status, current);
        var readiness = VmReadiness.ForCloudStatus(current.Status, vm.Spec.PowerState, current.Message);
        SetStatus(vm, readiness);
        if (!readiness.Reconciling)
        {
            return ReconcileResult.After(Refresh.Stable);
        }

        KeepProjectFresh(status.OrganizationId!, status.ProjectId!);
        return ReconcileResult.After(MovingRecheck);
    }

    private void KeepProjectFresh(string org, string projectId) =>
        snapshots.KeepFresh(org, projectId, time.GetUtcNow() + (MovingRecheck * 1.5));

    private async Task<ReconcileResult> ReportDeletedOutOfBandAsync(VirtualMachine vm, CancellationToken cancellationToken)
    {
        var readiness = VmReadiness.ForCloudStatus(VmStatus.Deleted, vm.Spec.PowerState, null);
        var wasReported = Conditions.Find(vm.Status!.Conditions, ConditionTypes.Stalled) is { Status: "True", Reason: "DeletedOutOfBand" };
        SetStatus(vm, readiness);
        if (!wasReported)
        {
            await events.RecordAsync(vm, "Warning", "DeletedOutOfBand", "Observe", $"cloud VM {vm.Status.VmId} was deleted outside the operator", cancellationToken);
        }

        return ReconcileResult.After(Refresh.Stable);
    }

    /// <summary>The VM from the project's LIST; one that is missing there is confirmed with a GET before anyone calls it gone.</summary>
    private async Task<CloudVm?> FindAsync(string org, string projectId, string vmId, TimeSpan maxAge, CancellationToken cancellationToken)
    {
        if (Refresh.ListPerProject)
        {
            var vms = await snapshots.GetAsync(org, projectId, maxAge, cancellationToken);
            if (vms.TryGetValue(vmId, out var vm))
            {
                return vm;
            }
        }

        try
        {
            return await cloud.GetVmAsync(org, projectId, vmId, cancellationToken);
        }
        catch (NeevCloudApiException ex) when (ex.Kind == CloudErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// A VM our own earlier POST may have made: same name, in the project, created after our
    /// recorded intent, not deleted. VM names are not unique in NeevCloud, hence the time window.
    /// </summary>
    private async Task<CloudVm?> FindCreatedByUsAsync(VirtualMachine vm, string org, string projectId, CancellationToken cancellationToken)
    {
        if (vm.Status?.CreateRequestedAt is not { } intent)
        {
            return null;
        }

        var since = new DateTimeOffset(DateTime.SpecifyKind(intent, DateTimeKind.Utc)) - ClockSkew;
        var vms = await snapshots.GetAsync(org, projectId, TimeSpan.Zero, cancellationToken);
        return vms.Values
            .Where(c => c.Name == vm.Metadata.Name && c.CreatedAt >= since && c.Status.Value is not (VmStatus.Deleted or VmStatus.Deleting))
            .OrderBy(c => c.CreatedAt)
            .FirstOrDefault();
    }

    private bool TryResolveRootDisk(VirtualMachine vm, out string? diskId, out Readiness? waiting)
    {
        waiting = null;
        diskId = vm.Spec.RootDisk.Attach?.DiskId;
        if (vm.Spec.RootDisk.Attach?.RootDiskRef is not { } reference)
        {
            return true;
        }

        var ns = vm.Metadata.NamespaceProperty;
        var disk = rootDisks.Get(ObjectKey.Of(ns, reference.Name));
        if (disk is null || disk.Metadata.DeletionTimestamp is not null)
        {
            waiting = Readiness.InProgress(
                "WaitingForRootDisk",
                disk is null
                    ? $"RootDisk {ns}/{reference.Name} does not exist; create it (or fix spec.rootDisk.attach.rootDiskRef) and the VM is created"
                    : $"RootDisk {ns}/{reference.Name} is being deleted; attach another disk");
            return false;
        }

        diskId = disk.Spec.DiskId;
        return true;
    }

    private void Forget(VirtualMachineStatus status)
    {
        if (status.VmId is { } vmId)
        {
            snapshots.Untrack(vmId);
        }
    }

    private static bool IsMoving(VirtualMachineStatus status) => Conditions.IsTrue(status.Conditions, ConditionTypes.Reconciling);

    private void SetStatus(VirtualMachine vm, Readiness readiness) =>
        Conditions.Apply(vm.Status!, readiness, vm.Metadata.Generation, time.GetUtcNow());
}

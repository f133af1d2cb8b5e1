using Microsoft.Extensions.Options;
using NeevCloud.Crds.RootDisks;
using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Cloud;
using NeevCloud.Operator.Controllers.Projects;
using NeevCloud.Operator.Controllers.VirtualMachines.Replacement;
using NeevCloud.Operator.Runtime;
using NeevCloud.Operator.Runtime.Managed;

namespace NeevCloud.Operator.Controllers.VirtualMachines;

/// <summary>
/// A VirtualMachine's cloud VM: created once, followed through the project's shared LIST, its power state and
/// restarts driven one step at a time; on deletion deleted in the cloud, its root disk kept (or deleted) as asked.
/// </summary>
public sealed class VirtualMachineExternalClient(
    INeevCloudClient cloud,
    VmListing listing,
    ProjectReferences projects,
    EntityCache<RootDisk> rootDisks,
    EntityCache<VirtualMachine> virtualMachines,
    KeptRootDisks keptRootDisks,
    VmPowerControl power,
    VmUsage usage,
    VmReplacement replacement,
    IEventRecorder events,
    IOptions<RefreshOptions> refresh,
    TimeProvider time) : IExternalClient<VirtualMachine>
{
    public const string Name = "virtualmachine";

    /// <summary>
    /// Whether a VirtualMachine would see a difference between two listings of its VM. Disks and ports are fixed
    /// at creation (the API has no update), so these are the fields that move.
    /// </summary>
    public static bool SameObservation(CloudVm a, CloudVm b) =>
        a.Status.Raw == b.Status.Raw && a.PublicIp == b.PublicIp && a.Message == b.Message;

    /// <summary>Whether a listed VM is where it stays by itself (running, stopped, failed), not passing through a state.</summary>
    public static bool Settled(CloudVm vm) => !VmReadiness.IsPassing(vm.Status.Value);

    private RefreshOptions Refresh => refresh.Value;

    /// <summary>While anything moves, a LIST this old is too old; half the poll interval keeps Ready within one poll of the cloud.</summary>
    private TimeSpan FreshEnough => Refresh.Transitioning / 2;

    /// <summary>
    /// A moving VM's own next pass. The poller's LIST queues it as soon as it changes, so this is only a safety
    /// net; it also renews the request to keep the project's LIST fresh.
    /// </summary>
    private TimeSpan MovingRecheck => Refresh.Transitioning * 10;

    public Readiness? WaitingFor(VirtualMachine vm)
    {
        if (vm.Status.ProjectId is not null && vm.Status.OrganizationId is not null)
        {
            // Created (or being created) in a known project: nothing else is needed to look at it.
            return null;
        }

        var project = projects.Resolve(vm.Metadata.NamespaceProperty, vm.Spec.ProjectRef.Name);
        if (project.Waiting is { } waitForProject)
        {
            return waitForProject;
        }

        return TryResolveRootDisk(vm, out _, out var waitForDisk) ? null : waitForDisk;
    }

    public Readiness? DeletionBlockedBy(VirtualMachine vm) => null;

    public async Task<ExternalObservation> ObserveAsync(VirtualMachine vm, ExternalLookup lookup, CancellationToken cancellationToken)
    {
        var status = vm.Status;
        var scope = ScopeOf(vm) ?? throw new FailureException(Failure.Retry(
            "WaitingForProject", $"the cloud project of this VM is not known: Project {vm.Metadata.NamespaceProperty}/{vm.Spec.ProjectRef.Name} has no cloud id"));
        (status.OrganizationId, status.ProjectId) = (scope.OrganizationId, scope.ProjectId);

        if (VmReplacement.CreatesSuccessor(vm, lookup))
        {
            return VmReplacement.Successor(vm);
        }

        CloudVm? current;
        if (lookup.ExternalId is { } vmId)
        {
            listing.Route(vmId, ObjectKey.Of(vm));
            // A spec the operator has not acted on yet, or a VM on the move, deserves a fresh look.
            var maxAge = status.ObservedGeneration != vm.Metadata.Generation || IsMoving(status) || vm.Metadata.DeletionTimestamp is not null
                ? FreshEnough
                : Refresh.Stable;
            current = await listing.FindAsync(
                scope, vmId, maxAge, ct => cloud.GetVmAsync(scope.OrganizationId, scope.ProjectId, vmId, ct), cancellationToken, Refresh.ListPerProject);
        }
        else
        {
            current = await FindCreatedByUsAsync(vm, scope, lookup.CreatedSince!.Value, lookup.ListedAfter!.Value, cancellationToken);
        }

        if ((current is null || current.Status.Value == VmStatus.Deleted) && VmReplacement.DeletedOnPurpose(vm, lookup))
        {
            return VmReplacement.Gone(vm);
        }

        if (current is null || current.Status.Value == VmStatus.Deleted)
        {
            if (current is not null)
            {
                VmObservation.Apply(status, current);
            }

            status.Phase = VmStatus.Deleted.ToString().ToLowerInvariant();
            status.PublicIp = null;
            return ExternalObservation.Missing(VmReadiness.ForCloudStatus(VmStatus.Deleted, vm.Spec.PowerState, null));
        }

        var readyBefore = Conditions.Find(status.Conditions, ConditionTypes.Ready)?.Message;
        var plan = power.PlanFor(vm, out var invalid);
        var observation = Observed(vm, scope, current, plan, invalid);
        if (plan is null)
        {
            return observation;
        }

        await power.WarnAsync(vm, plan, readyBefore, cancellationToken);
        return await power.ExpireAsync(vm, plan, cancellationToken) is { } expired
            ? observation with { Readiness = expired, UpToDate = true }
            : observation;
    }

    public async Task<ExternalObservation> CreateAsync(VirtualMachine vm, CancellationToken cancellationToken)
    {
        var status = vm.Status;
        var project = projects.Resolve(vm.Metadata.NamespaceProperty, vm.Spec.ProjectRef.Name);
        if (project.Waiting is { } waiting || !TryResolveRootDisk(vm, out var attachDiskId, out waiting))
        {
            throw new FailureException(Failure.Retry(waiting!.Reason, waiting.Message));
        }

        if (power.PlanFor(vm, out var invalid) is not { } plan)
        {
            throw new FailureException(Failure.Stall(invalid!.Reason, invalid.Message));
        }

        if (plan.Expiry == ExpiryStage.Expired)
        {
            // Creating a VM only to stop or delete it at once would cost money and do nothing.
            throw new FailureException(Failure.Stall(
                "Expired", $"spec.expiresAt ({vm.Spec.ExpiresAt}) has passed, so no VM is created; move it later, or remove it, to create the VM"));
        }

        var scope = new ProjectScope(project.OrganizationId!, project.ProjectId!);
        (status.OrganizationId, status.ProjectId) = (scope.OrganizationId, scope.ProjectId);
        // A restart asked for before the VM exists is moot: the new VM boots fresh.
        status.LastHandledRestartRequestedAt = vm.Spec.RestartRequestedAt;
        // What the VM is created with is recorded afresh (a replacement's VM has the new spec's keys and disks).
        // Before the POST, not after: a create whose answer is lost may still have made the VM, and the look that
        // finds it must not take the old VM's keys for the new one's.
        status.Observed = null;
        status.DataDisks = null;
        CloudVm created;
        try
        {
            created = await cloud.CreateVmAsync(
                scope.OrganizationId, scope.ProjectId, VmCreateRequest.For(vm, VmReplacement.KeptRootDiskOf(vm) ?? attachDiskId), cancellationToken);
        }
        catch (NeevCloudApiException ex) when (ex.Kind == CloudErrorKind.Conflict)
        {
            throw new FailureException(Failure.Stall(
                "DiskAttached",
                $"{ex.ServerMessage} The root disk is in use by another VM: delete that VM or attach another disk; creating is tried again every {Durations.Describe(Refresh.Stable)}"),
                ex);
        }

        var replacing = status.Replacement is { Step: ReplacementStep.Create } r ? $", replacing VM {r.FromVmId}" : "";
        await events.RecordAsync(vm, "Normal", "Created", "Create", $"created cloud VM {created.Id} in project {scope.ProjectId}{replacing}", cancellationToken);
        replacement.Created(vm, created.Id);
        listing.Record(scope, created);
        listing.Route(created.Id, ObjectKey.Of(vm));
        return Observed(vm, scope, created, plan, null);
    }

    /// <summary>One step towards the spec: stop, start or restart.</summary>
    public async Task<ExternalObservation> UpdateAsync(VirtualMachine vm, ExternalObservation observed, CancellationToken cancellationToken)
    {
        var (spec, status) = (vm.Spec, vm.Status);
        var scope = new ProjectScope(status.OrganizationId!, status.ProjectId!);
        if (await replacement.StepAsync(vm, observed, scope, MovingRecheck, cancellationToken) is { } stepped)
        {
            KeepFresh(scope);
            return stepped;
        }

        var current = (CloudVm)observed.Resource!;
        if (power.PlanFor(vm, out var invalid) is not { } plan)
        {
            // Nothing to act on while the schedule cannot be read; the observation says why.
            return Observed(vm, scope, current, null, invalid);
        }

        CloudVm? acted = null;
        switch (current.Status.Value)
        {
            case VmStatus.Running when plan.Desired == PowerState.Stopped:
                await events.RecordAsync(
                    vm, plan.Expiry == ExpiryStage.Expired ? "Warning" : "Normal", plan.Expiry == ExpiryStage.Expired ? "Expired" : "Stopping", "Stop",
                    $"stopping the VM: {plan.Why}", cancellationToken);
                acted = await cloud.StopVmAsync(scope.OrganizationId, scope.ProjectId, current.Id, cancellationToken);
                break;

            case VmStatus.Stopped when plan.Desired == PowerState.Running:
                await events.RecordAsync(
                    vm, "Normal", "Starting", "Start", $"starting the VM: {plan.Why} but NeevCloud reports it stopped", cancellationToken);
                acted = await cloud.StartVmAsync(scope.OrganizationId, scope.ProjectId, current.Id, cancellationToken);
                break;

            case VmStatus.Running when RestartRequested(vm):
                await events.RecordAsync(
                    vm, "Normal", "Restarting", "Restart", $"restarting the VM as spec.restartRequestedAt={spec.RestartRequestedAt} asks", cancellationToken);
                acted = await cloud.RestartVmAsync(scope.OrganizationId, scope.ProjectId, current.Id, cancellationToken);
                // Handled only once NeevCloud accepted it: a refused restart is asked for again.
                status.LastHandledRestartRequestedAt = spec.RestartRequestedAt;
                break;

            case VmStatus.Stopped when RestartRequested(vm):
                // Nothing runs that could be restarted: the request is satisfied as it stands.
                status.LastHandledRestartRequestedAt = spec.RestartRequestedAt;
                break;
        }

        if (acted is not null)
        {
            listing.Record(scope, acted);
        }

        return Observed(vm, scope, acted ?? current, plan, null);
    }

    public async Task<ExternalDeletion> DeleteAsync(VirtualMachine vm, ExternalObservation observed, CancellationToken cancellationToken)
    {
        var status = vm.Status;
        var current = (CloudVm)observed.Resource!;
        var scope = new ProjectScope(status.OrganizationId!, status.ProjectId!);
        if (current.Status.Value != VmStatus.Deleting)
        {
            try
            {
                await cloud.DeleteVmAsync(scope.OrganizationId, scope.ProjectId, current.Id, cancellationToken);
                listing.Record(scope, current with { Status = VmStatus.Deleting });
            }
            catch (NeevCloudApiException ex) when (ex.Kind == CloudErrorKind.NotFound)
            {
                // Gone between the LIST and the DELETE: the next look sees it gone.
            }
        }

        status.Phase = VmStatus.Deleting.ToString().ToLowerInvariant();
        KeepFresh(scope);
        return new ExternalDeletion(Readiness.InProgress("Deleting", $"waiting for NeevCloud to delete VM {current.Id}"), MovingRecheck);
    }

    public async Task<Readiness?> AfterDeletedAsync(VirtualMachine vm, CancellationToken cancellationToken)
    {
        if (vm.Status.VmId is { } vmId)
        {
            listing.Unroute(vmId);
        }

        return await keptRootDisks.ReleaseAsync(vm, cancellationToken);
    }

    /// <summary>What the cloud's VM means for status and Ready, judged against the pass's power plan (null: <paramref name="invalid"/> says why).</summary>
    private ExternalObservation Observed(VirtualMachine vm, ProjectScope scope, CloudVm current, PowerPlan? plan, Readiness? invalid)
    {
        var observation = ObservedAsIs(vm, scope, current, plan, invalid);
        return replacement.Review(vm, current, observation, MovingRecheck);
    }

    private ExternalObservation ObservedAsIs(VirtualMachine vm, ProjectScope scope, CloudVm current, PowerPlan? plan, Readiness? invalid)
    {
        var phaseBefore = vm.Status.Phase;
        VmObservation.Apply(vm.Status, current, vm.Spec.DataDisks);
        usage.Count(vm, phaseBefore, current, time.GetUtcNow());
        vm.Status.Observed = new VirtualMachineObserved
        {
            RegionId = current.RegionId,
            VmConfigId = current.VmConfigId,
            PlanId = current.PlanId,
            GpuCount = current.GpuConfigCount,
            ImageId = current.ImageId,
            DeleteRootDisk = current.DeleteRootDisk,
            // NeevCloud never reports keys: what the VM was created with stays as first recorded.
            SshKeys = vm.Status.Observed?.SshKeys ?? SshKeyFingerprint.Of(vm.Spec.SshKeys),
        };
        listing.Route(current.Id, ObjectKey.Of(vm));
        if (vm.Spec.VmId is not null && AdoptionMismatches(vm.Spec, current) is { Count: > 0 } mismatches)
        {
            return ExternalObservation.Found(current.Id, Readiness.IsStalled(
                "AdoptionMismatch",
                $"the spec and cloud VM {current.Id} differ ({string.Join("; ", mismatches)}); the VM API cannot change these, so nothing is done: "
                + "fix the spec (or leave the fields out) to adopt it as it is"), resource: current);
        }

        if (plan is null)
        {
            return ExternalObservation.Found(current.Id, invalid!, resource: current);
        }

        var readiness = VmReadiness.ForCloudStatus(current.Status, plan.Desired, current.Message, plan.Why);
        var upToDate = !NeedsAction(vm, plan.Desired, current);
        if (!readiness.Reconciling && upToDate)
        {
            // Settled: the next pass is due at the next refresh, or at the schedule's or the expiry's next change.
            var (settled, due) = power.Annotate(vm, plan, readiness, null);
            return ExternalObservation.Found(current.Id, settled, requeueAfter: due, resource: current);
        }

        KeepFresh(scope);
        var (moving, recheck) = power.Annotate(vm, plan, readiness, MovingRecheck);
        return ExternalObservation.Found(current.Id, moving, upToDate, recheck, current);
    }

    /// <summary>The creation fields the spec of an adopted VM gives that the cloud's VM does not have, as "field: desired vs observed".</summary>
    private static List<string> AdoptionMismatches(VirtualMachineSpec spec, CloudVm current)
    {
        var mismatches = new List<string>();
        void Compare(string field, string? desired, string? observed)
        {
            if (!string.IsNullOrEmpty(desired) && desired != observed)
            {
                mismatches.Add($"{field}: desired '{desired}', observed '{observed}'");
            }
        }

        Compare("regionId", spec.RegionId, current.RegionId);
        Compare("vmConfigId", spec.VmConfigId, current.VmConfigId);
        Compare("planId", spec.PlanId, current.PlanId);
        Compare("gpuCount", spec.GpuCount?.ToString(System.Globalization.CultureInfo.InvariantCulture), (current.GpuConfigCount ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Compare("rootDisk.create.imageId", spec.RootDisk?.Create?.ImageId, current.ImageId);
        return mismatches;
    }

    private static bool NeedsAction(VirtualMachine vm, PowerState desired, CloudVm current) => current.Status.Value switch
    {
        VmStatus.Running => desired == PowerState.Stopped || RestartRequested(vm),
        VmStatus.Stopped => desired == PowerState.Running || RestartRequested(vm),
        _ => false,
    };

    private static bool RestartRequested(VirtualMachine vm) =>
        vm.Spec.RestartRequestedAt is { Length: > 0 } asked && asked != vm.Status.LastHandledRestartRequestedAt;

    private void KeepFresh(ProjectScope scope) => listing.KeepFresh(scope, time.GetUtcNow() + (MovingRecheck * 1.5));

    /// <summary>
    /// A VM our own earlier create may have made: VM names are not unique in NeevCloud, so it must match
    /// everything the create asked for that the cloud shows (name, region, configuration, plan, GPUs, root
    /// disk), have been created after the intent, not be deleted, and not be another VirtualMachine's.
    /// </summary>
    private async Task<CloudVm?> FindCreatedByUsAsync(
        VirtualMachine vm, ProjectScope scope, DateTimeOffset since, DateTimeOffset listedAfter, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, CloudVm> vms;
        try
        {
            vms = await listing.GetAsync(scope, listedAfter, cancellationToken);
        }
        catch (NeevCloudApiException ex) when (ex.Kind == CloudErrorKind.NotFound)
        {
            return null;
        }

        TryResolveRootDisk(vm, out var attachDiskId, out _);
        attachDiskId = VmReplacement.KeptRootDiskOf(vm) ?? (vm.Spec.RootDisk?.Attach is null ? null : attachDiskId ?? vm.Status.RootDisk?.Id);
        var claimed = virtualMachines.List()
            .Where(other => other.Metadata.Uid != vm.Metadata.Uid)
            .Select(other => ManagedAnnotations.ExternalIdOf(other.Metadata) ?? other.Status?.VmId)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        return vms.Values
            .Where(candidate => candidate.CreatedAt >= since
                && candidate.Status.Value is not (VmStatus.Deleted or VmStatus.Deleting)
                && !claimed.Contains(candidate.Id)
                && VmIdentity.Matches(vm, attachDiskId, candidate))
            .OrderBy(candidate => candidate.CreatedAt)
            .FirstOrDefault();
    }

    private ProjectScope? ScopeOf(VirtualMachine vm)
    {
        if (vm.Status.OrganizationId is { } org && vm.Status.ProjectId is { } projectId)
        {
            return new ProjectScope(org, projectId);
        }

        var project = projects.Resolve(vm.Metadata.NamespaceProperty, vm.Spec.ProjectRef.Name);
        return project.OrganizationId is { } o && project.ProjectId is { } p ? new ProjectScope(o, p) : null;
    }

    private bool TryResolveRootDisk(VirtualMachine vm, out string? diskId, out Readiness? waiting)
    {
        waiting = null;
        diskId = vm.Spec.RootDisk?.Attach?.DiskId;
        if (vm.Spec.RootDisk?.Attach?.RootDiskRef is not { } reference)
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

    // A plan waiting for approval waits on a person: the VM itself is not moving.
    private static bool IsMoving(VirtualMachineStatus status) =>
        Conditions.Find(status.Conditions, ConditionTypes.Reconciling) is { Status: "True" } reconciling && reconciling.Reason != VmReplacement.PendingApproval;
}

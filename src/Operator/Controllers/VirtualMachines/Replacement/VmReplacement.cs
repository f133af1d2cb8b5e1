using Microsoft.Extensions.Options;
using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Cloud;
using NeevCloud.Operator.Runtime;
using NeevCloud.Operator.Runtime.Managed;

namespace NeevCloud.Operator.Controllers.VirtualMachines.Replacement;

/// <summary>
/// Replacing a VM whose spec changed a field the VM API cannot update (spec.updatePolicy ReplaceOnApproval): the
/// plan in status.plan, the wait for approval, then stop → delete (the root disk kept) → create attaching it →
/// running. Each step is written to status.replacement before it runs, and every pass decides from that record
/// and the cloud alone, so a restart anywhere resumes: a stop or a delete sent twice is harmless, and the create
/// goes through the lifecycle's intent, so it is never sent twice. The new VM is only created once the old one is
/// gone, so there are never two.
/// </summary>
public sealed class VmReplacement(
    INeevCloudClient cloud, VmListing listing, KeptRootDisks keptRootDisks, IEventRecorder events, IOptions<RefreshOptions> refresh, TimeProvider time)
{
    /// <summary>The condition reason while a plan waits for approval.</summary>
    public const string PendingApproval = "ReplacementPendingApproval";

    private const string Replacing = "Replacing";

    /// <summary>Whether the old VM was deleted and the create is recorded: the lifecycle is to create the successor.</summary>
    public static bool CreatesSuccessor(VirtualMachine vm, ExternalLookup lookup) =>
        vm.Metadata.DeletionTimestamp is null && vm.Status.Replacement is { Step: ReplacementStep.Create } r && lookup.ExternalId == r.FromVmId;

    /// <summary>Whether the VM that is missing is the one a replacement is deleting, so its going is progress and not a loss.</summary>
    public static bool DeletedOnPurpose(VirtualMachine vm, ExternalLookup lookup) =>
        vm.Metadata.DeletionTimestamp is null && vm.Status.Replacement is { Step: ReplacementStep.Delete } r && lookup.ExternalId == r.FromVmId;

    /// <summary>The root disk the create attaches instead of making one, while a replacement keeps it.</summary>
    public static string? KeptRootDiskOf(VirtualMachine vm) =>
        vm.Status.Replacement is { Step: ReplacementStep.Create or ReplacementStep.WaitReady } r ? r.RootDiskId : null;

    public static ExternalObservation Successor(VirtualMachine vm) => ExternalObservation.Successor(Readiness.InProgress(
        Replacing, $"replacing VM {vm.Status.Replacement!.FromVmId}: it is deleted; creating the new VM"));

    /// <summary>The old VM is gone: hands the pass to the update, which records the create step.</summary>
    public static ExternalObservation Gone(VirtualMachine vm) => ExternalObservation.Found(
        vm.Status.Replacement!.FromVmId, Readiness.InProgress(Replacing, $"replacing VM {vm.Status.Replacement.FromVmId}: it is deleted"), upToDate: false);

    /// <summary>
    /// What the observation of <paramref name="current"/> means while the spec differs from the VM, or a
    /// replacement is under way: the plan, the wait for approval, the next step. Records steps that need no cloud
    /// call; the ones that do (stop, delete) are left to <see cref="StepAsync"/> by marking the VM not up to date.
    /// </summary>
    public ExternalObservation Review(VirtualMachine vm, CloudVm current, ExternalObservation observed, TimeSpan moving)
    {
        if (vm.Metadata.DeletionTimestamp is not null)
        {
            return observed;
        }

        var status = vm.Status;
        if (status.Replacement is { Step: not ReplacementStep.Done } replacement)
        {
            if (replacement.Step == ReplacementStep.Stop && !StillApproved(vm, replacement))
            {
                // Nothing is lost yet: a changed spec (or policy) needs a plan of its own, and its own approval.
                status.Replacement = null;
            }
            else
            {
                return Progress(vm, replacement, current, observed, moving);
            }
        }

        if (vm.Spec.UpdatePolicy != UpdatePolicy.ReplaceOnApproval && status.Plan is null)
        {
            return observed;
        }

        var generation = vm.Metadata.Generation ?? 0;
        var plan = ReplacementPlanner.For(vm.Metadata.Name, vm.Spec, status, generation);
        status.Plan = plan;
        if (plan is null)
        {
            return observed;
        }

        var changed = string.Join(", ", plan.Changes.Select(c => c.Field));
        if (vm.Spec.UpdatePolicy != UpdatePolicy.ReplaceOnApproval)
        {
            return observed with
            {
                Readiness = Readiness.IsStalled("ReplacementNotAllowed",
                    $"the spec changes {changed}, which the VM API cannot update, and spec.updatePolicy is Refuse: set it to ReplaceOnApproval "
                    + "to review the replacement in status.plan and approve it, or change the spec back"),
            };
        }

        if (plan.Refused is { } refused)
        {
            return observed with
            {
                Readiness = Readiness.IsStalled("ReplacementRefused", $"the spec changes {changed}, but the replacement (status.plan) is refused: {refused}"),
            };
        }

        var approval = ReplacementPlanner.ApprovalOf(vm.Metadata.Annotations, generation);
        if (!approval.Approved)
        {
            var stale = approval.Stale is { } other
                ? $"; {ReplacementPlanner.ApprovalAnnotation}=\"{other}\" approves another generation and is ignored"
                : "";
            return observed with
            {
                Readiness = Readiness.InProgress(PendingApproval,
                    $"the spec changes {changed}, which the VM API cannot update: the VM is replaced (downtime, a new public IP; status.plan says what "
                    + $"happens to each disk) once approved with the annotation {ReplacementPlanner.ApprovalAnnotation}=\"{generation}\"{stale}"),
                // Waiting on a person, not on the cloud: the approval's own watch event brings the next pass.
                RequeueAfter = observed.RequeueAfter ?? refresh.Value.Stable,
            };
        }

        var (attach, leftBehind) = ReplacementPlanner.RootDiskFate(vm.Spec, status);
        status.Replacement = new ReplacementProgress
        {
            Generation = generation,
            FromVmId = current.Id,
            RootDiskId = attach,
            RootDiskLeftId = leftBehind,
        };
        Record(status.Replacement, ReplacementStep.Stop);
        return observed with
        {
            Readiness = Readiness.InProgress(Replacing, $"replacement of generation {generation} approved: stopping VM {current.Id} first"),
            UpToDate = true,
            RequeueAfter = TimeSpan.Zero,
        };
    }

    /// <summary>The replacement's step that calls the cloud (stop, delete) or records the create; null when none is due.</summary>
    public async Task<ExternalObservation?> StepAsync(VirtualMachine vm, ExternalObservation observed, ProjectScope scope, TimeSpan moving, CancellationToken cancellationToken)
    {
        if (vm.Metadata.DeletionTimestamp is not null || vm.Status.Replacement is not { Step: ReplacementStep.Stop or ReplacementStep.Delete } replacement)
        {
            return null;
        }

        var status = vm.Status;
        if (observed.Resource is not CloudVm current)
        {
            if (replacement.Step != ReplacementStep.Delete)
            {
                return null;
            }

            // The old VM is gone with the disks created with it; the root disk it leaves behind (another region) is
            // recorded before anything else, so it is never lost track of.
            if (replacement.RootDiskLeftId is { } left && await keptRootDisks.RecordAsync(vm, left, cancellationToken) is { } recording)
            {
                return observed with { Readiness = recording, RequeueAfter = moving };
            }

            status.VmId = null;
            status.PublicIp = null;
            status.Phase = VmStatus.Deleted.ToString().ToLowerInvariant();
            Record(replacement, ReplacementStep.Create);
            return observed with
            {
                Readiness = Readiness.InProgress(Replacing, $"replacing VM {replacement.FromVmId}: it is deleted; creating the new VM next"),
                UpToDate = true,
                RequeueAfter = TimeSpan.Zero,
            };
        }

        if (current.Id != replacement.FromVmId)
        {
            return null;
        }

        CloudVm acted;
        if (replacement.Step == ReplacementStep.Stop)
        {
            await events.RecordAsync(vm, "Normal", Replacing, "Stop", $"stopping VM {current.Id} to replace it (generation {replacement.Generation} approved)", cancellationToken);
            acted = await cloud.StopVmAsync(scope.OrganizationId, scope.ProjectId, current.Id, cancellationToken);
        }
        else
        {
            await events.RecordAsync(
                vm, "Normal", Replacing, "Delete",
                $"deleting VM {current.Id} to replace it" + (replacement.RootDiskId is { } kept ? $", keeping root disk {kept}" : ""), cancellationToken);
            try
            {
                await cloud.DeleteVmAsync(scope.OrganizationId, scope.ProjectId, current.Id, cancellationToken);
            }
            catch (NeevCloudApiException ex) when (ex.Kind == CloudErrorKind.NotFound)
            {
                // Gone already: the next look records the create step.
            }

            acted = current with { Status = VmStatus.Deleting };
        }

        listing.Record(scope, acted);
        status.Phase = acted.Status.Raw;
        return observed with { Readiness = Waiting(replacement, acted), UpToDate = true, RequeueAfter = moving, Resource = acted };
    }

    /// <summary>A new VM of ours exists: the create step is done, and the replacement waits for it to run.</summary>
    public void Created(VirtualMachine vm, string vmId)
    {
        if (vm.Status.Replacement is { Step: ReplacementStep.Create } replacement)
        {
            replacement.ToVmId = vmId;
            Record(replacement, ReplacementStep.WaitReady);
        }
    }

    private ExternalObservation Progress(VirtualMachine vm, ReplacementProgress replacement, CloudVm current, ExternalObservation observed, TimeSpan moving)
    {
        var status = vm.Status;
        if (current.Id != replacement.FromVmId)
        {
            // The new VM (found again after a lost answer, or as created).
            Created(vm, current.Id);
            if (observed.Readiness is { Reconciling: false, Stalled: false, Ready: "True" })
            {
                Record(replacement, ReplacementStep.Done);
                status.Plan = null;
                return observed;
            }

            return observed with
            {
                Readiness = observed.Readiness is { Stalled: true } stalled ? stalled : Readiness.InProgress(
                    Replacing, $"replacing VM {replacement.FromVmId}: waiting for the new VM {current.Id} to run ({current.Status.Raw})"),
            };
        }

        switch (replacement.Step, current.Status.Value)
        {
            case (ReplacementStep.Stop, VmStatus.Stopped or VmStatus.Failed):
                Record(replacement, ReplacementStep.Delete);
                return observed with
                {
                    Readiness = Readiness.InProgress(Replacing, $"replacing VM {current.Id}: it is {current.Status.Raw}; deleting it next"),
                    UpToDate = true,
                    RequeueAfter = TimeSpan.Zero,
                };
            case (ReplacementStep.Stop, VmStatus.Running):
            case (ReplacementStep.Delete, not VmStatus.Deleting):
                return observed with { Readiness = Waiting(replacement, current), UpToDate = false };
            default:
                return observed with { Readiness = Waiting(replacement, current), UpToDate = true, RequeueAfter = moving };
        }
    }

    private static Readiness Waiting(ReplacementProgress replacement, CloudVm current) => Readiness.InProgress(
        Replacing,
        replacement.Step == ReplacementStep.Stop
            ? $"replacing VM {current.Id}: stopping it ({current.Status.Raw})"
            : $"replacing VM {current.Id}: deleting it ({current.Status.Raw})" + (replacement.RootDiskId is { } kept ? $", keeping root disk {kept}" : ""));

    private static bool StillApproved(VirtualMachine vm, ReplacementProgress replacement) =>
        vm.Spec.UpdatePolicy == UpdatePolicy.ReplaceOnApproval
        && vm.Metadata.Generation == replacement.Generation
        && ReplacementPlanner.ApprovalOf(vm.Metadata.Annotations, replacement.Generation).Approved;

    private void Record(ReplacementProgress replacement, ReplacementStep step)
    {
        if (replacement.Step == step && replacement.Steps.Count > 0)
        {
            return;
        }

        replacement.Step = step;
        replacement.Steps.Add(new ReplacementStepRecord { Step = step, At = ManagedAnnotations.Format(time.GetUtcNow()) });
    }
}

using Microsoft.Extensions.Options;
using NeevCloud.Crds.RootDisks;
using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Cloud;
using NeevCloud.Operator.Controllers.Projects;
using NeevCloud.Operator.Runtime;
using NeevCloud.Operator.Runtime.Managed;
using RootDiskStatus = NeevCloud.Crds.RootDisks.RootDiskStatus;

namespace NeevCloud.Operator.Controllers.RootDisks;

/// <summary>
/// A RootDisk's cloud disk, always adopted by spec.diskId (the API creates root disks only inside a VM
/// create): reported from the project's shared disk LIST; on deletion refused while a VM uses it, then deleted.
/// </summary>
public sealed class RootDiskExternalClient(
    INeevCloudClient cloud,
    RootDiskListing listing,
    ProjectReferences projects,
    EntityCache<VirtualMachine> virtualMachines,
    IOptions<RefreshOptions> refresh,
    TimeProvider time) : IExternalClient<RootDisk>
{
    public const string Name = "rootdisk";

    /// <summary>Whether a listed disk is where it stays by itself (ready, failed), not being made or deleted.</summary>
    public static bool Settled(CloudRootDisk disk) =>
        disk.Status.Value is not (Cloud.RootDiskStatus.Pending or Cloud.RootDiskStatus.Provisioning or Cloud.RootDiskStatus.Deleting);

    private RefreshOptions Refresh => refresh.Value;

    public Readiness? WaitingFor(RootDisk disk)
    {
        if (disk.Status.ProjectId is not null)
        {
            return null;
        }

        // A Project being deleted still has its cloud project, and a RootDisk creates nothing: the disk a deleted
        // VM kept (recorded while its Project is going) is reported on like any other.
        var project = projects.Resolve(disk.Metadata.NamespaceProperty, disk.Spec.ProjectRef.Name);
        return project.Resource?.Metadata.DeletionTimestamp is not null && project.OrganizationId is not null && project.ProjectId is not null
            ? null
            : project.Waiting;
    }

    public Readiness? DeletionBlockedBy(RootDisk disk)
    {
        var users = UsersOf(disk);
        if (users.Count == 0)
        {
            return null;
        }

        var ns = disk.Metadata.NamespaceProperty;
        return Readiness.InProgress(
            "AttachedToVM",
            $"VirtualMachine {string.Join(", ", users.Select(u => $"{ns}/{u}"))} uses this disk: delete VirtualMachine {ns}/{users[0]} first and deletion continues");
    }

    public async Task<ExternalObservation> ObserveAsync(RootDisk disk, ExternalLookup lookup, CancellationToken cancellationToken)
    {
        var status = disk.Status;
        var scope = ScopeOf(disk) ?? throw new FailureException(Failure.Retry(
            "WaitingForProject", $"Project {disk.Metadata.NamespaceProperty}/{disk.Spec.ProjectRef.Name} has no cloud id yet"));
        (status.OrganizationId, status.ProjectId) = (scope.OrganizationId, scope.ProjectId);
        listing.Route(disk.Spec.DiskId, ObjectKey.Of(disk));

        var moving = Conditions.IsTrue(status.Conditions, ConditionTypes.Reconciling) || disk.Metadata.DeletionTimestamp is not null;
        var current = await listing.FindAsync(
            scope, disk.Spec.DiskId, moving ? Refresh.Transitioning / 2 : Refresh.Stable,
            ct => cloud.GetRootDiskAsync(scope.OrganizationId, scope.ProjectId, disk.Spec.DiskId, ct), cancellationToken);
        if (current is null)
        {
            var neverSeen = status.State is null;
            status.State = null;
            return ExternalObservation.Missing(neverSeen
                ? Readiness.IsStalled("DiskNotFound", $"cloud project {scope.ProjectId} has no root disk {disk.Spec.DiskId}; check spec.diskId")
                : Readiness.IsStalled("DeletedOutOfBand", $"root disk {disk.Spec.DiskId} was deleted outside the operator; delete this RootDisk"));
        }

        Observe(disk, current);
        var readiness = RootDiskReadiness.ForCloudStatus(current.Status, current.IsAttached, current.VmId, current.Message);
        if (readiness.Reconciling)
        {
            KeepFresh(scope);
        }

        return ExternalObservation.Found(current.Id, readiness, requeueAfter: readiness.Reconciling ? Refresh.Transitioning * 10 : null, resource: current);
    }

    public Task<ExternalObservation> CreateAsync(RootDisk disk, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("a RootDisk always names its disk (spec.diskId is required): there is nothing to create");

    public Task<ExternalObservation> UpdateAsync(RootDisk disk, ExternalObservation observed, CancellationToken cancellationToken) =>
        Task.FromResult(observed);

    public async Task<ExternalDeletion> DeleteAsync(RootDisk disk, ExternalObservation observed, CancellationToken cancellationToken)
    {
        var current = (CloudRootDisk)observed.Resource!;
        var scope = ScopeOf(disk)!.Value;
        if (current.IsAttached)
        {
            throw AttachedInCloud(disk, current.VmId);
        }

        if (current.Status.Value != Cloud.RootDiskStatus.Deleting)
        {
            try
            {
                await cloud.DeleteRootDiskAsync(scope.OrganizationId, scope.ProjectId, disk.Spec.DiskId, cancellationToken);
                listing.Record(scope, current with { Status = Cloud.RootDiskStatus.Deleting });
            }
            catch (NeevCloudApiException ex) when (ex.Kind == CloudErrorKind.Conflict)
            {
                throw AttachedInCloud(disk, current.VmId, ex);
            }
            catch (NeevCloudApiException ex) when (ex.Kind == CloudErrorKind.NotFound)
            {
                // Gone already: the next look sees it.
            }
        }

        KeepFresh(scope);
        return new ExternalDeletion(Readiness.InProgress("Deleting", $"waiting for NeevCloud to delete root disk {disk.Spec.DiskId}"), Refresh.Transitioning);
    }

    public Task<Readiness?> AfterDeletedAsync(RootDisk disk, CancellationToken cancellationToken)
    {
        listing.Unroute(disk.Spec.DiskId);
        return Task.FromResult<Readiness?>(null);
    }

    private void Observe(RootDisk disk, CloudRootDisk current)
    {
        var status = disk.Status;
        status.State = current.Status.Raw;
        status.Message = string.IsNullOrEmpty(current.Message) ? null : current.Message;
        status.SizeGb = current.SizeGb;
        status.ImageId = current.ImageId;
        status.Region = current.Region;
        status.VolumeMode = current.VolumeMode;
        status.PlanId = current.PlanId;
        status.Attached = current.IsAttached;
        status.VmId = current.VmId;
        status.AttachedTo = current.VmId is { } vmId
            ? virtualMachines.List()
                .Where(vm => vm.Metadata.NamespaceProperty == disk.Metadata.NamespaceProperty && vm.Status?.VmId == vmId)
                .Select(vm => vm.Metadata.Name)
                .FirstOrDefault()
            : null;
    }

    /// <summary>VirtualMachines in the namespace that name this disk (by reference or by id), sorted.</summary>
    private List<string> UsersOf(RootDisk disk) =>
    [
        .. virtualMachines.List()
            .Where(vm => vm.Metadata.NamespaceProperty == disk.Metadata.NamespaceProperty
                && (vm.Spec.RootDisk?.Attach?.RootDiskRef?.Name == disk.Metadata.Name || vm.Spec.RootDisk?.Attach?.DiskId == disk.Spec.DiskId))
            .Select(vm => vm.Metadata.Name)
            .Order(StringComparer.Ordinal),
    ];

    private FailureException AttachedInCloud(RootDisk disk, string? vmId, Exception? inner = null)
    {
        var holder = disk.Status.AttachedTo is { } name ? $"VirtualMachine {disk.Metadata.NamespaceProperty}/{name} (cloud VM {vmId})" : $"cloud VM {vmId}";
        return new FailureException(Failure.Retry(
            "AttachedToVM",
            $"NeevCloud reports the disk attached to {holder}: delete or detach that VM first and deletion continues (asked again with back-off)",
            Refresh.Blocked), inner);
    }

    private ProjectScope? ScopeOf(RootDisk disk)
    {
        if (disk.Status.OrganizationId is { } org && disk.Status.ProjectId is { } projectId)
        {
            return new ProjectScope(org, projectId);
        }

        var project = projects.Resolve(disk.Metadata.NamespaceProperty, disk.Spec.ProjectRef.Name);
        return project.OrganizationId is { } o && project.ProjectId is { } p ? new ProjectScope(o, p) : null;
    }

    private void KeepFresh(ProjectScope scope) => listing.KeepFresh(scope, time.GetUtcNow() + (Refresh.Transitioning * 15));

}

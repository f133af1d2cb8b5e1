using Microsoft.Extensions.Options;
using NeevCloud.Crds;
using NeevCloud.Crds.RootDisks;
using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Cloud;
using NeevCloud.Operator.Controllers.Projects;
using NeevCloud.Operator.Runtime;
using RootDiskStatus = NeevCloud.Crds.RootDisks.RootDiskStatus;

namespace NeevCloud.Operator.Controllers.RootDisks;

/// <summary>
/// Tracks an existing NeevCloud root disk (design §2.3): adopt it by id, report it; on deletion
/// refuse while a VM uses it, then delete it in the cloud. Root disks are few, so a GET each is fine.
/// </summary>
public sealed class RootDiskController(
    INeevCloudClient cloud,
    ProjectReferences projects,
    EntityCache<VirtualMachine> virtualMachines,
    IOptions<RefreshOptions> refresh,
    TimeProvider time) : IEntityController<RootDisk>, IEntityFinalizer<RootDisk>
{
    public const string Name = "rootdisk";

    private RefreshOptions Refresh => refresh.Value;

    public async Task<ReconcileResult> ReconcileAsync(RootDisk disk, CancellationToken cancellationToken)
    {
        using var calls = CloudCallContext.BeginController(Name);
        var status = disk.Status ??= new RootDiskStatus();
        if (status.ProjectId is null)
        {
            var project = projects.Resolve(disk.Metadata.NamespaceProperty, disk.Spec.ProjectRef.Name);
            if (project.Waiting is { } waiting)
            {
                SetStatus(disk, waiting);
                return ReconcileResult.After(Refresh.Blocked);
            }

            status.OrganizationId = project.OrganizationId;
            status.ProjectId = project.ProjectId;
        }

        CloudRootDisk current;
        try
        {
            current = await cloud.GetRootDiskAsync(status.OrganizationId!, status.ProjectId!, disk.Spec.DiskId, cancellationToken);
        }
        catch (NeevCloudApiException ex) when (ex.Kind == CloudErrorKind.NotFound)
        {
            SetStatus(disk, status.State is null
                ? Readiness.IsStalled("DiskNotFound", $"cloud project {status.ProjectId} has no root disk {disk.Spec.DiskId}; check spec.diskId")
                : Readiness.IsStalled("DeletedOutOfBand", $"root disk {disk.Spec.DiskId} was deleted outside the operator; delete this RootDisk"));
            status.State = null;
            return ReconcileResult.After(Refresh.Stable);
        }
        catch (NeevCloudApiException ex) when (CloudFailures.IsCredentialProblem(ex))
        {
            SetStatus(disk, CloudFailures.Unauthorized(ex));
            return ReconcileResult.After(Refresh.Stable);
        }

        Observe(disk, current);
        var readiness = RootDiskReadiness.ForCloudStatus(current.Status, current.IsAttached, current.VmId, current.Message);
        SetStatus(disk, readiness);
        return ReconcileResult.After(readiness.Reconciling ? Refresh.Transitioning : Refresh.Stable);
    }

    public async Task<FinalizeResult> FinalizeAsync(RootDisk disk, CancellationToken cancellationToken)
    {
        using var calls = CloudCallContext.BeginController(Name);
        var status = disk.Status ??= new RootDiskStatus();
        if (disk.Spec.DeletionPolicy == DeletionPolicy.Orphan)
        {
            return FinalizeResult.Done;
        }

        var users = UsersOf(disk);
        if (users.Count > 0)
        {
            var ns = disk.Metadata.NamespaceProperty;
            SetStatus(disk, Readiness.InProgress(
                "AttachedToVM",
                $"VirtualMachine {string.Join(", ", users.Select(u => $"{ns}/{u}"))} uses this disk: delete VirtualMachine {ns}/{users[0]} first and deletion continues"));
            return FinalizeResult.Retry(Refresh.Blocked);
        }

        if (status.ProjectId is null)
        {
            // Never looked at in the cloud: the disk was never in this resource's care.
            return FinalizeResult.Done;
        }

        try
        {
            var current = await cloud.GetRootDiskAsync(status.OrganizationId!, status.ProjectId, disk.Spec.DiskId, cancellationToken);
            Observe(disk, current);
            if (current.IsAttached)
            {
                SetStatus(disk, AttachedInCloud(disk, current.VmId));
                return FinalizeResult.Retry(Refresh.Blocked);
            }

            if (current.Status.Value != Cloud.RootDiskStatus.Deleting)
            {
                await cloud.DeleteRootDiskAsync(status.OrganizationId!, status.ProjectId, disk.Spec.DiskId, cancellationToken);
            }

            SetStatus(disk, Readiness.InProgress("Deleting", $"waiting for NeevCloud to delete root disk {disk.Spec.DiskId}"));
            return FinalizeResult.Retry(Refresh.Transitioning);
        }
        catch (NeevCloudApiException ex) when (ex.Kind == CloudErrorKind.NotFound)
        {
            return FinalizeResult.Done;
        }
        catch (NeevCloudApiException ex) when (ex.Kind == CloudErrorKind.Conflict)
        {
            SetStatus(disk, AttachedInCloud(disk, status.VmId));
            return FinalizeResult.Retry(Refresh.Blocked);
        }
    }

    private void Observe(RootDisk disk, CloudRootDisk current)
    {
        var status = disk.Status!;
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
                && (vm.Spec.RootDisk.Attach?.RootDiskRef?.Name == disk.Metadata.Name || vm.Spec.RootDisk.Attach?.DiskId == disk.Spec.DiskId))
            .Select(vm => vm.Metadata.Name)
            .Order(StringComparer.Ordinal),
    ];

    private static Readiness AttachedInCloud(RootDisk disk, string? vmId)
    {
        var holder = disk.Status?.AttachedTo is { } name ? $"VirtualMachine {disk.Metadata.NamespaceProperty}/{name} (cloud VM {vmId})" : $"cloud VM {vmId}";
        return Readiness.InProgress(
            "AttachedToVM", $"NeevCloud reports the disk attached to {holder}: delete or detach that VM first and deletion continues");
    }

    private void SetStatus(RootDisk disk, Readiness readiness) =>
        Conditions.Apply(disk.Status!, readiness, disk.Metadata.Generation, time.GetUtcNow());
}

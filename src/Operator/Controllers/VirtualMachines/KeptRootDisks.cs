using System.Net;
using k8s.Autorest;
using k8s.Models;
using NeevCloud.Crds;
using NeevCloud.Crds.RootDisks;
using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Cloud;
using NeevCloud.Operator.Controllers.Projects;
using NeevCloud.Operator.Runtime;

namespace NeevCloud.Operator.Controllers.VirtualMachines;

/// <summary>
/// What happens to a root disk a deleted VM created with deleteRootDisk=false: it outlives the VM and is
/// recorded as a RootDisk named &lt;vm&gt;-root so a new VM can attach it.
/// When the Project is being deleted too, the disk is deleted instead: NeevCloud never deletes a
/// project that still holds a disk, so keeping it would leave the whole deletion stuck.
/// </summary>
public sealed class KeptRootDisks(
    INeevCloudClient cloud,
    ProjectReferences projects,
    EntityClient<RootDisk> rootDiskClient,
    EntityCache<RootDisk> rootDisks,
    IEventRecorder events)
{
    /// <summary>Marks a RootDisk the operator created for a disk kept from the VM named in the value.</summary>
    public const string KeptFromLabel = "neevcloud.com/kept-from-vm";

    public static string NameFor(VirtualMachine vm) => $"{vm.Metadata.Name}-root";

    /// <summary>Null once the disk is recorded, deleted, or not ours to look after; otherwise what is still being done.</summary>
    public async Task<Readiness?> ReleaseAsync(VirtualMachine vm, CancellationToken cancellationToken)
    {
        var status = vm.Status!;
        if (vm.Spec.RootDisk?.Create is null || vm.Spec.DeleteRootDisk || status.RootDisk?.Id is not { } diskId)
        {
            return null;
        }

        var project = projects.Resolve(vm.Metadata.NamespaceProperty, vm.Spec.ProjectRef.Name);
        if (project.Resource is null || (project.Resource.Spec.DeletionPolicy == DeletionPolicy.Orphan && project.IsGoing))
        {
            // The Project resource let go of its cloud project (Orphan): the disk stays there with it.
            return null;
        }

        return project.IsGoing
            ? await DeleteAsync(status.OrganizationId!, status.ProjectId!, diskId, cancellationToken)
            : await RecordAsync(vm, diskId, cancellationToken);
    }

    private async Task<Readiness?> DeleteAsync(string org, string projectId, string diskId, CancellationToken cancellationToken)
    {
        var deleting = Readiness.InProgress(
            "DeletingRootDisk", $"the cloud VM is deleted; deleting its root disk {diskId} too, because its Project is being deleted");
        try
        {
            await cloud.DeleteRootDiskAsync(org, projectId, diskId, cancellationToken);
            return deleting;
        }
        catch (NeevCloudApiException ex) when (ex.Kind == CloudErrorKind.NotFound)
        {
            return null;
        }
        catch (NeevCloudApiException ex) when (ex.Kind == CloudErrorKind.Conflict)
        {
            // Detaching from the VM that was just deleted can lag a moment.
            return deleting;
        }
    }

    private async Task<Readiness?> RecordAsync(VirtualMachine vm, string diskId, CancellationToken cancellationToken)
    {
        var ns = vm.Metadata.NamespaceProperty;
        var name = NameFor(vm);
        // The cache only: a RootDisk created by an earlier pass and not yet seen answers the create with 409.
        var existing = rootDisks.Get(ObjectKey.Of(ns, name));
        if (existing is not null)
        {
            if (existing.Spec.DiskId != diskId)
            {
                await events.RecordAsync(
                    vm, "Warning", "RootDiskNameTaken", "Delete",
                    $"root disk {diskId} outlives the VM, but RootDisk {ns}/{name} already tracks disk {existing.Spec.DiskId}; "
                    + $"adopt {diskId} with a RootDisk of another name to use or delete it",
                    cancellationToken);
            }

            return null;
        }

        var kept = new RootDisk
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = ns,
                Labels = new Dictionary<string, string> { [KeptFromLabel] = vm.Metadata.Name },
            },
            // The disk of a VM the operator created: deleting its record deletes it, as for anything the operator made.
            Spec = new RootDiskSpec { ProjectRef = new LocalObjectReference { Name = vm.Spec.ProjectRef.Name }, DiskId = diskId, DeletionPolicy = DeletionPolicy.Delete },
        };
        try
        {
            await rootDiskClient.CreateAsync(kept, cancellationToken);
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.Conflict)
        {
            // Exists but is not in the cache yet: the next pass, once the watch delivered it, compares it.
            return Readiness.InProgress("KeepingRootDisk", $"recording root disk {diskId} as RootDisk {ns}/{name}");
        }

        await events.RecordAsync(
            vm, "Normal", "RootDiskKept", "Delete",
            $"root disk {diskId} outlives the VM (deleteRootDisk=false) as RootDisk {ns}/{name}; "
            + $"attach it with spec.rootDisk.attach.rootDiskRef.name={name}, or delete the RootDisk to delete the disk",
            cancellationToken);
        return null;
    }
}

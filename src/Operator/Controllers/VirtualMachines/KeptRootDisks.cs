using System.Net;
using k8s.Autorest;
using k8s.Models;
using NeevCloud.Crds;
using NeevCloud.Crds.RootDisks;
using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Runtime;

namespace NeevCloud.Operator.Controllers.VirtualMachines;

/// <summary>
/// What happens to a root disk a deleted VM created with deleteRootDisk=false: it outlives the VM and is
/// recorded as a RootDisk named &lt;vm&gt;-root so a new VM can attach it, or the disk be deleted by deleting
/// that RootDisk. Always, also while the Project is being deleted: the user asked to keep the disk, and a
/// Project deletion may be a mistake or blocked; the Project's deletion then waits for that RootDisk, naming it.
/// </summary>
public sealed class KeptRootDisks(
    EntityClient<RootDisk> rootDiskClient,
    EntityCache<RootDisk> rootDisks,
    IEventRecorder events)
{
    /// <summary>Marks a RootDisk the operator created for a disk kept from the VM named in the value.</summary>
    public const string KeptFromLabel = "neevcloud.com/kept-from-vm";

    public static string NameFor(VirtualMachine vm) => $"{vm.Metadata.Name}-root";

    /// <summary>Null once the disk is recorded, or not ours to look after; otherwise what is still being done.</summary>
    public async Task<Readiness?> ReleaseAsync(VirtualMachine vm, CancellationToken cancellationToken)
    {
        var status = vm.Status!;
        if (vm.Spec.RootDisk?.Create is null || vm.Spec.DeleteRootDisk || status.RootDisk?.Id is not { } diskId)
        {
            return null;
        }

        return await RecordAsync(vm, diskId, cancellationToken);
    }

    /// <summary>Records <paramref name="diskId"/>, a root disk of the VM's that is left behind, as RootDisk &lt;vm&gt;-root (null once done).</summary>
    public async Task<Readiness?> RecordAsync(VirtualMachine vm, string diskId, CancellationToken cancellationToken)
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
                // Born with the finalizer: a disk exists in the cloud from the start, so a deletion of the record
                // before its first pass (a prune, a script) must still go through the operator and delete the disk.
                Finalizers = [ControllerOptions.DefaultFinalizer],
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
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.Forbidden && ex.Response.Content?.Contains("NamespaceTerminating", StringComparison.Ordinal) == true)
        {
            // The whole namespace is going: nothing can be created in it, and the VM must not hold up its deletion.
            // The disk stays in the cloud all the same; the event says where.
            await events.RecordAsync(
                vm, "Warning", "RootDiskNotRecorded", "Delete",
                $"root disk {diskId} outlives the VM (deleteRootDisk=false) and stays in NeevCloud project {vm.Status.ProjectId}, but namespace {ns} "
                + $"is being deleted, so no RootDisk can record it; adopt it with a RootDisk (spec.diskId: {diskId}) in another namespace to use or delete it",
                cancellationToken);
            return null;
        }

        await events.RecordAsync(
            vm, "Normal", "RootDiskKept", "Delete",
            $"root disk {diskId} outlives the VM (deleteRootDisk=false) as RootDisk {ns}/{name}; "
            + $"attach it with spec.rootDisk.attach.rootDiskRef.name={name}, or delete the RootDisk to delete the disk",
            cancellationToken);
        return null;
    }
}

using NeevCloud.Crds.Projects;
using NeevCloud.Crds.RootDisks;
using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Runtime;

namespace NeevCloud.Operator.Controllers.Projects;

/// <summary>The resources in the cluster that reference a Project (read from the watch caches, indexed by the Project they name).</summary>
public sealed class ProjectDependents(EntityCache<VirtualMachine> virtualMachines, EntityCache<RootDisk> rootDisks)
{
    // A Project's pass asks for its dependents: with thousands of VMs a scan of all of them on each would be O(N).
    private static readonly EntityIndex<VirtualMachine> VmsByProject =
        new("project", vm => vm.Spec?.ProjectRef?.Name is { } name ? [ObjectKey.Of(vm.Metadata.NamespaceProperty, name)] : []);

    private static readonly EntityIndex<RootDisk> DisksByProject =
        new("project", disk => disk.Spec?.ProjectRef?.Name is { } name ? [ObjectKey.Of(disk.Metadata.NamespaceProperty, name)] : []);

    /// <summary>"Kind/name" of each dependent in the project's namespace, sorted.</summary>
    public IReadOnlyList<string> Of(Project project) =>
    [
        .. VirtualMachinesOf(project).Select(vm => $"VirtualMachine/{vm.Metadata.Name}")
            .Concat(RootDisksOf(project).Select(d => $"RootDisk/{d.Metadata.Name}"))
            .Order(StringComparer.Ordinal),
    ];

    public IEnumerable<VirtualMachine> VirtualMachinesOf(Project project) =>
        virtualMachines.ListBy(VmsByProject, ObjectKey.Of(project));

    /// <summary>The RootDisks the operator recorded for root disks its VMs kept (deleteRootDisk=false).</summary>
    public IEnumerable<RootDisk> KeptRootDisksOf(Project project) =>
        RootDisksOf(project).Where(d => d.Metadata.Labels?.ContainsKey(VirtualMachines.KeptRootDisks.KeptFromLabel) == true);

    public IEnumerable<RootDisk> RootDisksOf(Project project) =>
        rootDisks.ListBy(DisksByProject, ObjectKey.Of(project));
}

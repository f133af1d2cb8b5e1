using NeevCloud.Crds.Projects;
using NeevCloud.Crds.RootDisks;
using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Runtime;

namespace NeevCloud.Operator.Controllers.Projects;

/// <summary>The resources in the cluster that reference a Project (read from the watch caches).</summary>
public sealed class ProjectDependents(EntityCache<VirtualMachine> virtualMachines, EntityCache<RootDisk> rootDisks)
{
    /// <summary>"Kind/name" of each dependent in the project's namespace, sorted.</summary>
    public IReadOnlyList<string> Of(Project project) =>
    [
        .. VirtualMachinesOf(project).Select(vm => $"VirtualMachine/{vm.Metadata.Name}")
            .Concat(RootDisksOf(project).Select(d => $"RootDisk/{d.Metadata.Name}"))
            .Order(StringComparer.Ordinal),
    ];

    public IEnumerable<VirtualMachine> VirtualMachinesOf(Project project) =>
        virtualMachines.List().Where(vm => vm.Metadata.NamespaceProperty == project.Metadata.NamespaceProperty && vm.Spec?.ProjectRef?.Name == project.Metadata.Name);

    /// <summary>The RootDisks the operator recorded for root disks its VMs kept (deleteRootDisk=false).</summary>
    public IEnumerable<RootDisk> KeptRootDisksOf(Project project) =>
        RootDisksOf(project).Where(d => d.Metadata.Labels?.ContainsKey(VirtualMachines.KeptRootDisks.KeptFromLabel) == true);

    public IEnumerable<RootDisk> RootDisksOf(Project project) =>
        rootDisks.List().Where(d => d.Metadata.NamespaceProperty == project.Metadata.NamespaceProperty && d.Spec?.ProjectRef?.Name == project.Metadata.Name);
}

using NeevCloud.Crds.Projects;
using NeevCloud.Crds.RootDisks;
using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Runtime;

namespace NeevCloud.Operator.Controllers.Projects;

/// <summary>The resources in the cluster that reference a Project (read from the watch caches).</summary>
public sealed class ProjectDependents(EntityCache<VirtualMachine> virtualMachines, EntityCache<RootDisk> rootDisks)
{
    /// <summary>"Kind/name" of each dependent in the project's namespace, sorted.</summary>
    public IReadOnlyList<string> Of(Project project)
    {
        var ns = project.Metadata.NamespaceProperty;
        var name = project.Metadata.Name;
        return
        [
            .. virtualMachines.List()
                .Where(vm => vm.Metadata.NamespaceProperty == ns && vm.Spec?.ProjectRef?.Name == name)
                .Select(vm => $"VirtualMachine/{vm.Metadata.Name}")
                .Concat(rootDisks.List()
                    .Where(d => d.Metadata.NamespaceProperty == ns && d.Spec?.ProjectRef?.Name == name)
                    .Select(d => $"RootDisk/{d.Metadata.Name}"))
                .Order(StringComparer.Ordinal),
        ];
    }
}

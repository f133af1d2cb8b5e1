using System.Text;
using Integration.Tests.EndToEnd;

namespace Soak.Tests;

/// <summary>
/// The resources of a soak: projects, and VMs spread over them round-robin; every fourth VM keeps its
/// root disk (deleteRootDisk: false) and every fifth is asked to be Stopped, so deletion and power
/// actions go through their rarer paths under the same faults.
/// </summary>
internal sealed record SoakFleet(IReadOnlyList<string> Projects, IReadOnlyList<SoakVm> Vms)
{
    public static SoakFleet For(SoakSettings settings)
    {
        var projects = Enumerable.Range(0, settings.Projects).Select(p => $"soak-p{p}").ToList();
        var vms = Enumerable.Range(0, settings.Vms)
            .Select(i => new SoakVm($"p{i % settings.Projects}-vm{i / settings.Projects}", projects[i % settings.Projects], DeleteRootDisk: i % 4 != 3, Stopped: i % 5 == 4))
            .ToList();
        return new SoakFleet(projects, vms);
    }

    /// <summary>All of it as one multi-document manifest for kubectl apply.</summary>
    public string Manifest()
    {
        var manifest = new StringBuilder();
        foreach (var project in Projects)
        {
            manifest.AppendLine(VmManifests.Project(project)).AppendLine("---");
        }

        foreach (var vm in Vms)
        {
            manifest.AppendLine(VmManifests.VmWithNewDisk(vm.Name, vm.Project, vm.DeleteRootDisk, extraSpec: vm.Stopped ? "  powerState: Stopped" : ""))
                .AppendLine("---");
        }

        return manifest.ToString();
    }
}

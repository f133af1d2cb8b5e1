using k8s;
using k8s.Models;
using NeevCloud.Crds;
using NeevCloud.Crds.Projects;
using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Simulator;

namespace NeevOperator.Bench;

/// <summary>
/// The bench's resources: Projects bench-p0.., and VMs p&lt;project&gt;-v&lt;index&gt; spread evenly over them, each with
/// a new root disk deleted with it. Created and deleted as fast as the API server takes them (in parallel), so
/// that the operator, not the client, is what the timings measure.
/// </summary>
internal static class Fleet
{
    public const string Namespace = "bench";
    private const string Group = "neevcloud.com";
    private const string Version = "v1alpha1";
    private static readonly ParallelOptions Parallelism = new() { MaxDegreeOfParallelism = 16 };

    public static async Task CreateAsync(IKubernetes kubernetes, BenchCase fleet, SimulatorCatalog catalog, CancellationToken cancellationToken)
    {
        var options = Parallelism.With(cancellationToken);
        await Parallel.ForEachAsync(Enumerable.Range(0, fleet.Projects), options, async (p, ct) =>
            await kubernetes.CustomObjects.CreateNamespacedCustomObjectAsync(Project(p), Group, Version, Namespace, "projects", cancellationToken: ct));
        // Interleaved over the projects, as a large apply would arrive.
        await Parallel.ForEachAsync(Enumerable.Range(0, fleet.Vms), options, async (i, ct) =>
            await kubernetes.CustomObjects.CreateNamespacedCustomObjectAsync(
                Vm(i % fleet.Projects, $"p{i % fleet.Projects}-v{i / fleet.Projects}", catalog), Group, Version, Namespace, "virtualmachines", cancellationToken: ct));
    }

    /// <summary>A few more VMs into a settled fleet, one per project in turn (p&lt;project&gt;-x&lt;index&gt;), as a user adds them day to day.</summary>
    public static async Task<IReadOnlyList<string>> AddAsync(IKubernetes kubernetes, BenchCase fleet, int count, SimulatorCatalog catalog, CancellationToken cancellationToken)
    {
        var added = Enumerable.Range(0, count).Select(i => Vm(i % fleet.Projects, $"p{i % fleet.Projects}-x{i}", catalog)).ToList();
        await Parallel.ForEachAsync(added, Parallelism.With(cancellationToken), async (vm, ct) =>
            await kubernetes.CustomObjects.CreateNamespacedCustomObjectAsync(vm, Group, Version, Namespace, "virtualmachines", cancellationToken: ct));
        return [.. added.Select(vm => vm.Metadata.Name)];
    }

    public static Task RemoveAsync(IKubernetes kubernetes, IEnumerable<string> vmNames, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(vmNames, Parallelism.With(cancellationToken), async (name, ct) =>
            await kubernetes.CustomObjects.DeleteNamespacedCustomObjectAsync(Group, Version, Namespace, "virtualmachines", name, cancellationToken: ct));

    /// <summary>
    /// Deletes the Projects, then the VirtualMachines, one request each as kubectl delete --all does (a
    /// deletecollection of 5000 objects outlives the API server's request timeout).
    /// </summary>
    public static async Task DeleteAllAsync(IKubernetes kubernetes, IEnumerable<string> projects, IEnumerable<string> vms, CancellationToken cancellationToken)
    {
        var options = Parallelism.With(cancellationToken);
        await Parallel.ForEachAsync(projects, options, async (name, ct) =>
            await kubernetes.CustomObjects.DeleteNamespacedCustomObjectAsync(Group, Version, Namespace, "projects", name, cancellationToken: ct));
        await RemoveAsync(kubernetes, vms, cancellationToken);
    }

    private static Project Project(int p) => new()
    {
        Metadata = new V1ObjectMeta { Name = $"bench-p{p}", NamespaceProperty = Namespace },
    };

    private static VirtualMachine Vm(int project, string name, SimulatorCatalog catalog) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace },
        Spec = new VirtualMachineSpec
        {
            ProjectRef = new LocalObjectReference { Name = $"bench-p{project}" },
            RegionId = catalog.Regions[0],
            VmConfigId = catalog.VmConfigs[^1],
            PlanId = catalog.Plans[0],
            RootDisk = new VirtualMachineRootDisk { Create = new NewRootDisk { Name = $"{name}-disk", SizeGb = 40, ImageId = catalog.Images[0] } },
            DeleteRootDisk = true,
        },
    };

    private static ParallelOptions With(this ParallelOptions options, CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
}

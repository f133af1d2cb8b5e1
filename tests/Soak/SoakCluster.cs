using System.Net;
using System.Text.Json;
using Integration.Tests.Infrastructure;
using k8s;
using k8s.Autorest;
using k8s.Models;
using NeevCloud.Crds;
using NeevCloud.Crds.Projects;
using NeevCloud.Crds.RootDisks;
using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Runtime;

namespace Soak.Tests;

/// <summary>What the soak does in, and reads from, its Kubernetes API server: what a user would do and see.</summary>
internal sealed class SoakCluster(IKubernetes kubernetes, string kubeconfig, string ns)
{
    private readonly EntityClient<Project> _projects = new(kubernetes);
    private readonly EntityClient<VirtualMachine> _vms = new(kubernetes);
    private readonly EntityClient<RootDisk> _rootDisks = new(kubernetes);

    public string Namespace => ns;

    /// <summary>Installs the checked-in CRDs (as Helm would) and waits until they are served.</summary>
    public async Task InstallCrdsAsync(CancellationToken cancellationToken)
    {
        await KubectlAsync(["apply", "-f", RepositoryPaths.Combine("deploy", "helm", "neev-operator", "crds")], null, cancellationToken);
        await KubectlAsync(
            ["wait", "--for=condition=Established", "--timeout=60s", "crd/projects.neevcloud.com", "crd/virtualmachines.neevcloud.com", "crd/rootdisks.neevcloud.com"],
            null,
            cancellationToken);
    }

    public Task ApplyAsync(string manifest, CancellationToken cancellationToken) =>
        KubectlAsync(["apply", "-n", ns, "-f", "-"], manifest, cancellationToken);

    /// <summary>Every Project and VirtualMachine exists, is Ready, and says so about its current spec.</summary>
    public async Task AssertAllReadyAsync(SoakFleet fleet, CancellationToken cancellationToken)
    {
        var projects = (await _projects.ListAsync(ns, null, null, 500, cancellationToken)).Items;
        var vms = (await _vms.ListAsync(ns, null, null, 500, cancellationToken)).Items;
        var notReady = projects.Where(p => !IsReadyNow(p.Metadata, p.Status)).Select(p => Describe("Project", p.Metadata, p.Status))
            .Concat(vms.Where(vm => !IsReadyNow(vm.Metadata, vm.Status)).Select(vm => Describe("VirtualMachine", vm.Metadata, vm.Status)))
            .ToList();
        Assert.True(
            projects.Count == fleet.Projects.Count && vms.Count == fleet.Vms.Count && notReady.Count == 0,
            $"{projects.Count}/{fleet.Projects.Count} Projects and {vms.Count}/{fleet.Vms.Count} VirtualMachines exist; {notReady.Count} not Ready, e.g. {string.Join("; ", notReady.Take(3))}");
    }

    /// <summary>The cloud ids the resources claim: every cloud VM and project should be one of these.</summary>
    public async Task<(HashSet<string> ProjectIds, HashSet<string> VmIds)> ClaimedCloudIdsAsync(CancellationToken cancellationToken)
    {
        var projects = (await _projects.ListAsync(ns, null, null, 500, cancellationToken)).Items;
        var vms = (await _vms.ListAsync(ns, null, null, 500, cancellationToken)).Items;
        return (
            [.. projects.Select(p => p.Status?.ProjectId).OfType<string>()],
            [.. vms.Select(vm => vm.Status?.VmId).OfType<string>()]);
    }

    public async Task<IList<VirtualMachine>> VirtualMachinesAsync(CancellationToken cancellationToken) =>
        (await _vms.ListAsync(ns, null, null, 500, cancellationToken)).Items;

    /// <summary>Every change of the namespace's VirtualMachines from now on, as a watch delivers it (each status write is one).</summary>
    public async IAsyncEnumerable<VirtualMachine> WatchVirtualMachinesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var from = (await _vms.ListAsync(ns, null, null, 500, cancellationToken)).Metadata.ResourceVersion;
        await foreach (var (_, vm) in _vms.WatchAsync(ns, null, from, 600, error => throw error, cancellationToken))
        {
            yield return vm;
        }
    }

    /// <summary>A merge patch of one VirtualMachine (spec and metadata), as kubectl patch sends it.</summary>
    public Task PatchVmAsync(string name, object mergePatch, CancellationToken cancellationToken) =>
        kubernetes.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(KubernetesJson.Serialize(mergePatch), V1Patch.PatchType.MergePatch),
            _vms.Metadata.Group, _vms.Metadata.Version, ns, _vms.Metadata.Plural, name, cancellationToken: cancellationToken);

    /// <summary>Switches the power state of some VMs, as a user editing their manifests would.</summary>
    public async Task FlipPowerAsync(IEnumerable<string> vmNames, CancellationToken cancellationToken)
    {
        foreach (var name in vmNames)
        {
            var vm = await _vms.GetAsync(ns, name, cancellationToken) ?? throw new InvalidOperationException($"VirtualMachine {name} is gone");
            var next = vm.Spec.PowerState == PowerState.Running ? "Stopped" : "Running";
            await PatchVmAsync(name, new { spec = new { powerState = next } }, cancellationToken);
        }
    }

    /// <summary>
    /// Deletes whatever is left (Projects first, so that VMs know their project goes too) and asserts that
    /// nothing is: polled, it also deletes RootDisks the operator records for kept disks along the way.
    /// </summary>
    public async Task DeleteEverythingAsync(CancellationToken cancellationToken)
    {
        var projects = (await _projects.ListAsync(ns, null, null, 500, cancellationToken)).Items;
        var vms = (await _vms.ListAsync(ns, null, null, 500, cancellationToken)).Items;
        var disks = (await _rootDisks.ListAsync(ns, null, null, 500, cancellationToken)).Items;
        await DeleteAsync(_projects, projects.Select(p => p.Metadata), cancellationToken);
        await DeleteAsync(_vms, vms.Select(vm => vm.Metadata), cancellationToken);
        await DeleteAsync(_rootDisks, disks.Select(d => d.Metadata), cancellationToken);
        var left = projects.Select(p => Describe("Project", p.Metadata, p.Status))
            .Concat(vms.Select(vm => Describe("VirtualMachine", vm.Metadata, vm.Status)))
            .Concat(disks.Select(d => Describe("RootDisk", d.Metadata, d.Status)))
            .ToList();
        Assert.True(left.Count == 0, $"{left.Count} objects are still there, e.g. {string.Join("; ", left.Take(3))}");
    }

    public async Task<int> CountAllAsync(CancellationToken cancellationToken) =>
        (await _projects.ListAsync(ns, null, null, 500, cancellationToken)).Items.Count
        + (await _vms.ListAsync(ns, null, null, 500, cancellationToken)).Items.Count
        + (await _rootDisks.ListAsync(ns, null, null, 500, cancellationToken)).Items.Count;

    /// <summary>Every resource and every event, as JSON: what anyone with read access to the namespace sees.</summary>
    public async Task<string> EverythingVisibleAsync(CancellationToken cancellationToken)
    {
        var events = await kubernetes.CustomObjects.ListNamespacedCustomObjectAsync("events.k8s.io", "v1", ns, "events", cancellationToken: cancellationToken);
        return string.Join(
            '\n',
            KubernetesJson.Serialize((await _projects.ListAsync(ns, null, null, 500, cancellationToken)).Items),
            KubernetesJson.Serialize((await _vms.ListAsync(ns, null, null, 500, cancellationToken)).Items),
            KubernetesJson.Serialize((await _rootDisks.ListAsync(ns, null, null, 500, cancellationToken)).Items),
            JsonSerializer.Serialize(events));
    }

    private static bool IsReadyNow(V1ObjectMeta metadata, IConditionedStatus? status) =>
        Conditions.Find(status?.Conditions, ConditionTypes.Ready) is { Status: "True" } ready && ready.ObservedGeneration == metadata.Generation;

    private static string Describe(string kind, V1ObjectMeta metadata, IConditionedStatus? status)
    {
        var ready = Conditions.Find(status?.Conditions, ConditionTypes.Ready);
        var deleting = metadata.DeletionTimestamp is null ? "" : $" deleting, finalizers [{string.Join(",", metadata.Finalizers ?? [])}]";
        return $"{kind} {metadata.Name}{deleting} Ready={ready?.Status ?? "none"} {ready?.Reason}: {ready?.Message}";
    }

    private static async Task DeleteAsync<T>(EntityClient<T> client, IEnumerable<V1ObjectMeta> objects, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        foreach (var metadata in objects.Where(m => m.DeletionTimestamp is null))
        {
            try
            {
                await client.Kubernetes.CustomObjects.DeleteNamespacedCustomObjectAsync(
                    client.Metadata.Group, client.Metadata.Version, metadata.NamespaceProperty, client.Metadata.Plural, metadata.Name,
                    cancellationToken: cancellationToken);
            }
            catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
            {
                // Gone meanwhile: what we wanted.
            }
        }
    }

    private async Task KubectlAsync(string[] args, string? stdin, CancellationToken cancellationToken)
    {
        var kubectl = (await ProcessRunner.RunAsync(RepositoryPaths.Combine("hack", "tools.sh"), ["kubectl"], cancellationToken: cancellationToken)).StdOut.Trim();
        var result = await ProcessRunner.RunAsync(kubectl, args, stdin, new Dictionary<string, string> { ["KUBECONFIG"] = kubeconfig }, cancellationToken: cancellationToken);
        Assert.True(result.ExitCode == 0, $"kubectl {string.Join(' ', args)}: {result}");
    }
}

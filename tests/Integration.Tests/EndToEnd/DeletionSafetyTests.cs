using Integration.Tests.Infrastructure;
using NeevCloud.Crds.Projects;
using NeevCloud.Crds.RootDisks;
using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Runtime;
using NeevCloud.Simulator;
using static Integration.Tests.EndToEnd.VmManifests;

namespace Integration.Tests.EndToEnd;

/// <summary>
/// The deletion safety net as a user meets it through kubectl: a protected VM, a burst of deletions against the
/// breaker, and a Project deleted together with a VM whose root disk was meant to be kept.
/// </summary>
public sealed class DeletionSafetyTests(KubernetesFixture cluster) : OperatorScenario(cluster, "delsafe")
{
    protected override SimulatorOptions SimulatorOptions => new() { StepDuration = TimeSpan.FromMilliseconds(300) };

    [Fact]
    public async Task A_protected_vm_deletion_calls_nothing_in_the_cloud_until_the_protection_is_lifted()
    {
        await StartOperatorAsync();
        await ApplyAsync(Project("team"));
        await ApplyAsync(VmWithNewDisk("guarded", "team", extraSpec: "  deletionProtection: true"));
        await WaitForReadyAsync<VirtualMachine>("guarded");

        await DeleteAsync("nvm", "guarded");
        var stalled = await WaitForConditionAsync<VirtualMachine>("guarded", ConditionTypes.Stalled, "True", "DeletionProtected");

        Assert.Equal(0, await Cloud.CallsAsync("deleteVM", Ct));
        Assert.Equal("running", Assert.Single((await Cloud.StateAsync(Ct)).Vms).Status);
        Assert.Contains("set it to false", Conditions.Find(stalled.Status.Conditions, ConditionTypes.Stalled)!.Message, StringComparison.Ordinal);

        await PatchAsync("nvm", "guarded", """{"spec":{"deletionProtection":false}}""");
        await WaitUntilGoneAsync<VirtualMachine>("guarded");
        Assert.Equal(1, await Cloud.CallsAsync("deleteVM", Ct));
        Assert.Equal("deleted", Assert.Single((await Cloud.StateAsync(Ct)).Vms).Status);
    }

    [Fact]
    public async Task Deleting_14_vms_at_once_deletes_10_in_the_cloud_and_holds_the_rest_until_confirmed()
    {
        var names = Enumerable.Range(1, 14).Select(i => $"burst-{i:00}").ToList();
        await StartOperatorAsync();
        await ApplyAsync(Project("team"));
        await ApplyAsync(string.Join("\n---\n", names.Select(n => VmWithNewDisk(n, "team"))));
        foreach (var name in names)
        {
            await WaitForReadyAsync<VirtualMachine>(name, TimeSpan.FromSeconds(90));
        }

        var delete = await Cluster.KubectlAsync(["delete", "nvm", "--all", "-n", Ns, "--wait=false"], cancellationToken: Ct);
        Assert.True(delete.ExitCode == 0, delete.ToString());

        // Ten go; four wait, each saying why and how to let it through.
        List<VirtualMachine> held = [];
        await Eventually.AssertAsync(async () =>
        {
            var left = await ListAsync<VirtualMachine>();
            Assert.Equal(4, left.Count);
            held = [.. left.Where(vm => Conditions.Find(vm.Status?.Conditions, ConditionTypes.Reconciling) is { Status: "True", Reason: "DeletionBreakerOpen" })];
            Assert.Equal(4, held.Count);
        }, TimeSpan.FromSeconds(90), Ct);
        Assert.Equal(10, await Cloud.CallsAsync("deleteVM", Ct));
        Assert.Equal(4, (await Cloud.StateAsync(Ct)).Vms.Count(vm => vm.Status == "running"));
        Assert.Contains("neevcloud.com/confirm-deletion=true", Conditions.Find(held[0].Status.Conditions, ConditionTypes.Reconciling)!.Message, StringComparison.Ordinal);

        foreach (var vm in held.Take(2))
        {
            await AnnotateAsync(vm.Metadata.Name);
        }

        await WaitUntilGoneAsync<VirtualMachine>(held[0].Metadata.Name);
        await WaitUntilGoneAsync<VirtualMachine>(held[1].Metadata.Name);
        Assert.Equal(12, await Cloud.CallsAsync("deleteVM", Ct));
        Assert.Equal(2, (await ListAsync<VirtualMachine>()).Count);

        foreach (var vm in held.Skip(2))
        {
            await AnnotateAsync(vm.Metadata.Name);
        }

        await WaitUntilGoneAsync<VirtualMachine>(held[3].Metadata.Name);
        await WaitUntilGoneAsync<VirtualMachine>(held[2].Metadata.Name);
        Assert.Equal(14, await Cloud.CallsAsync("deleteVM", Ct));
    }

    [Fact]
    public async Task Deleting_a_project_with_its_vm_keeps_the_vm_disk_as_a_root_disk_the_project_waits_for()
    {
        await StartOperatorAsync();
        await ApplyAsync(Project("app"));
        await ApplyAsync(VmWithNewDisk("api", "app", deleteRootDisk: false));
        var diskId = (await WaitForReadyAsync<VirtualMachine>("api")).Status.RootDisk!.Id!;

        var delete = await Cluster.KubectlAsync(["delete", "nproj/app", "nvm/api", "-n", Ns, "--wait=false"], cancellationToken: Ct);
        Assert.True(delete.ExitCode == 0, delete.ToString());

        await WaitUntilGoneAsync<VirtualMachine>("api");
        var kept = await WaitForAsync<RootDisk>("api-root", disk => Assert.Equal(diskId, disk.Spec.DiskId));
        var waiting = await WaitForAsync<Project>("app", project =>
        {
            var reconciling = Conditions.Find(project.Status.Conditions, ConditionTypes.Reconciling);
            Assert.Equal(("True", "DependentsExist"), (reconciling?.Status, reconciling?.Reason));
            Assert.Contains($"RootDisk {Ns}/api-root", reconciling!.Message, StringComparison.Ordinal);
        });
        var message = Conditions.Find(waiting.Status.Conditions, ConditionTypes.Reconciling)!.Message;
        Assert.Contains("delete RootDisk", message, StringComparison.Ordinal);
        Assert.Contains("deletionPolicy: Orphan", message, StringComparison.Ordinal);
        Assert.Contains((await Cloud.StateAsync(Ct)).Volumes, volume => volume.Id == diskId);
        Assert.Equal(0, await Cloud.CallsAsync("deleteRootDiskVolume", Ct));
        Assert.Equal("app", kept.Spec.ProjectRef.Name);

        // The user decides: deleting the RootDisk deletes the disk, and then the project goes.
        await DeleteAsync("nrd", "api-root");
        await WaitUntilGoneAsync<RootDisk>("api-root");
        await WaitUntilGoneAsync<Project>("app", TimeSpan.FromSeconds(90));
        var state = await Cloud.StateAsync(Ct);
        Assert.Empty(state.Projects);
        Assert.Empty(state.Volumes);
    }

    private Task AnnotateAsync(string vm) => PatchAsync("nvm", vm, """{"metadata":{"annotations":{"neevcloud.com/confirm-deletion":"true"}}}""");

    private async Task<IList<T>> ListAsync<T>()
        where T : class, k8s.IKubernetesObject<k8s.Models.V1ObjectMeta> =>
        (await new EntityClient<T>(Cluster.Client).ListAsync(Ns, null, null, 500, Ct)).Items;
}

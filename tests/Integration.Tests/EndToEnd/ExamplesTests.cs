using Integration.Tests.Infrastructure;
using NeevCloud.Crds.Projects;
using NeevCloud.Crds.RootDisks;
using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Runtime;
using NeevCloud.Simulator;

namespace Integration.Tests.EndToEnd;

/// <summary>
/// examples/ as the README's tour uses them: applied in one go against the simulator configured
/// like the local run (hack/local/simulator.json), everything reaches Ready; deleted in one go,
/// everything goes from the cluster, and from the cloud everything the operator created — what was
/// adopted (legacy-data and its disk, made in the console) stays, as its deletion policy says.
/// </summary>
public sealed class ExamplesTests(KubernetesFixture cluster) : OperatorScenario(cluster, "examples")
{
    protected override SimulatorOptions SimulatorOptions => LocalRunSimulator.Options();

    [Fact]
    public async Task Every_example_applies_reaches_ready_and_deletes_leaving_only_what_was_adopted()
    {
        await StartOperatorAsync();
        var examples = RepositoryPaths.Combine("examples");

        var apply = await Cluster.KubectlAsync(["apply", "-n", Ns, "-f", examples], cancellationToken: Ct);
        Assert.True(apply.ExitCode == 0, apply.ToString());

        await WaitForReadyAsync<Project>("ml-team");
        await WaitForReadyAsync<Project>("legacy-data");
        await WaitForReadyAsync<RootDisk>("dataset-root");
        var web = await WaitForReadyAsync<VirtualMachine>("web");
        var trainer = await WaitForReadyAsync<VirtualMachine>("trainer");
        var batch = await WaitForReadyAsync<VirtualMachine>("batch");
        Assert.Equal(("running", "running", "stopped"), (web.Status.Phase, trainer.Status.Phase, batch.Status.Phase));
        Assert.Equal(2, trainer.Status.DataDisks?.Count);
        Assert.Contains(trainer.Status.ExposedPorts!, p => p.Port == 8888);
        Assert.Equal("0b9e8d7c-6f5a-4b3c-9d2e-1f0a9b8c7d6e", batch.Status.RootDisk?.Id);

        var delete = await Cluster.KubectlAsync(["delete", "-n", Ns, "-f", examples, "--wait=false"], cancellationToken: Ct);
        Assert.True(delete.ExitCode == 0, delete.ToString());

        // web's root disk was kept on purpose: it outlives the folder as RootDisk web-root, which its Project waits for.
        await WaitForAsync<Project>("ml-team", project => Assert.Contains(
            $"RootDisk {Ns}/web-root", Conditions.Find(project.Status.Conditions, ConditionTypes.Reconciling)?.Message ?? "", StringComparison.Ordinal));
        await DeleteAsync("nrd", "web-root");
        foreach (var project in new[] { "ml-team", "legacy-data" })
        {
            await WaitUntilGoneAsync<Project>(project, TimeSpan.FromSeconds(90));
        }

        var state = await Cloud.StateAsync(Ct);
        Assert.Equal(["legacy-data"], state.Projects.Select(p => p.Name));
        Assert.DoesNotContain(state.Vms, vm => vm.Status != "deleted");
        Assert.Equal(["0b9e8d7c-6f5a-4b3c-9d2e-1f0a9b8c7d6e"], state.Volumes.Select(v => v.Id));
    }
}

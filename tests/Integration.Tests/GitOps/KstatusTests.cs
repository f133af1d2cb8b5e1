using System.Text.Json.Nodes;
using Integration.Tests.EndToEnd;
using Integration.Tests.Infrastructure;
using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Runtime;
using static Integration.Tests.EndToEnd.VmManifests;

namespace Integration.Tests.GitOps;

/// <summary>
/// What Flux (kstatus) says about a VirtualMachine through its life, read from the API server as Flux reads it:
/// never Current before the operator has seen the spec, Current once Ready, InProgress again after a spec
/// change until the operator caught up, Failed when Stalled, Terminating while the finalizer holds it.
/// </summary>
public sealed class KstatusTests(KubernetesFixture cluster) : OperatorScenario(cluster, "kstatus")
{
    [Fact]
    public async Task A_vm_is_in_progress_until_the_operator_has_seen_each_spec_and_then_current_failed_or_terminating()
    {
        // Applied while no operator runs: nothing has looked at it yet.
        await ApplyAsync(Project("team"));
        await ApplyAsync(VmWithNewDisk("web", "team"));
        Assert.Equal(Kstatus.InProgress, await VerdictAsync("web"));

        await StartOperatorAsync();
        await WaitForReadyAsync<VirtualMachine>("web");
        Assert.Equal(Kstatus.Current, await VerdictAsync("web"));

        // A spec change the operator has not seen: the old Ready must not count.
        await StopOperatorAsync();
        await ApplyAsync(VmWithNewDisk("web", "team", extraSpec: "  powerState: Stopped"));
        Assert.Equal(Kstatus.InProgress, await VerdictAsync("web"));
        await StartOperatorAsync();
        await WaitForAsync<VirtualMachine>("web", vm => Assert.Equal("stopped", vm.Status.Phase));
        await Eventually.AssertAsync(async () => Assert.Equal(Kstatus.Current, await VerdictAsync("web")), Timeout, Ct);

        await ApplyAsync(VmWithNewDisk("bad", "team", image: "no-such-image"));
        await WaitForConditionAsync<VirtualMachine>("bad", ConditionTypes.Stalled, "True");
        Assert.Equal(Kstatus.Failed, await VerdictAsync("bad"));

        await StopOperatorAsync();
        await DeleteAsync("nvm", "web");
        Assert.Equal(Kstatus.Terminating, await VerdictAsync("web"));
    }

    private async Task<string> VerdictAsync(string name)
    {
        var result = await Cluster.KubectlAsync(["get", "nvm", name, "-n", Ns, "-o", "json"], cancellationToken: Ct);
        Assert.True(result.ExitCode == 0, result.ToString());
        return Kstatus.Compute(JsonNode.Parse(result.StdOut)!.AsObject());
    }
}

using System.Text;
using Integration.Tests.Infrastructure;
using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Runtime;
using NeevCloud.Simulator;
using static Integration.Tests.EndToEnd.VmManifests;

namespace Integration.Tests.EndToEnd;

/// <summary>
/// Refresh cost at scale: status of many VMs comes from one paginated LIST per project, shared by
/// all its VMs, and a steady state writes nothing to Kubernetes. Counts, not timings: the numbers
/// the simulator and the API server see do not depend on the machine's speed.
/// </summary>
public sealed class VirtualMachineScaleTests(KubernetesFixture cluster) : OperatorScenario(cluster, "scale")
{
    private const int Projects = 4;
    private const int VmsPerProject = 50;
    private static readonly TimeSpan Stable = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(15);

    // Moving VMs keep their project's LIST polled every Transitioning for up to 15 × Transitioning
    // after the last of them moved; the steady state starts after that tail.
    private static readonly TimeSpan Transitioning = TimeSpan.FromMilliseconds(500);

    protected override SimulatorOptions SimulatorOptions => new() { StepDuration = TimeSpan.FromMilliseconds(300) };

    [Fact]
    public async Task Steady_state_refresh_costs_a_list_per_project_not_a_call_per_vm_and_writes_nothing()
    {
        await StartOperatorAsync(
            $"--Operator:Refresh:Stable={Stable}",
            $"--Operator:Refresh:Transitioning={Transitioning}",
            "--Operator:VirtualMachines:PassesPerSecond=500",
            "--Operator:VirtualMachines:PassBurst=500",
            "--NeevCloud:RateLimit:RequestsPerSecond=500",
            "--NeevCloud:RateLimit:Burst=500");
        var manifest = new StringBuilder();
        for (var p = 0; p < Projects; p++)
        {
            manifest.AppendLine(Project($"p{p}")).AppendLine("---");
            for (var v = 0; v < VmsPerProject; v++)
            {
                manifest.AppendLine(VmWithNewDisk($"p{p}-vm{v}", $"p{p}")).AppendLine("---");
            }
        }

        await ApplyAsync(manifest.ToString());
        var vms = new EntityClient<VirtualMachine>(Cluster.Client);
        await Eventually.AssertAsync(async () =>
        {
            var list = await vms.ListAsync(Ns, null, null, 500, Ct);
            var notReady = list.Items.Where(vm => !Conditions.IsTrue(vm.Status?.Conditions, ConditionTypes.Ready)).Select(vm => vm.Metadata.Name).ToList();
            Assert.True(list.Items.Count == Projects * VmsPerProject && notReady.Count == 0, $"{notReady.Count} VMs not Ready yet, e.g. {notReady.FirstOrDefault()}");
        }, TimeSpan.FromMinutes(3), Ct);
        Assert.Equal(Projects * VmsPerProject, (await Cloud.StateAsync(Ct)).Vms.Count);
        Assert.Equal(Projects * VmsPerProject, await Cloud.CallsAsync("createVM", Ct));

        await Task.Delay(Transitioning * 16, Ct);
        var versionsBefore = await ResourceVersionsAsync(vms);
        var (listsBefore, getsBefore) = (await Cloud.CallsAsync("listVMs", Ct), await Cloud.CallsAsync("getVM", Ct));
        await Task.Delay(Window, Ct);
        var (listsAfter, getsAfter) = (await Cloud.CallsAsync("listVMs", Ct), await Cloud.CallsAsync("getVM", Ct));
        var versionsAfter = await ResourceVersionsAsync(vms);

        // Each project is listed about once per Stable interval (one page of 50 VMs), whatever its VM count;
        // a GET per VM per refresh would be 200 × 3 = 600 calls in the window.
        var listBound = Projects * (int)Math.Ceiling(Window / Stable + 1);
        var lists = listsAfter - listsBefore;
        TestContext.Current.SendDiagnosticMessage($"steady state over {Window.TotalSeconds} s: {lists} listVMs, {getsAfter - getsBefore} getVM for {Projects * VmsPerProject} VMs");
        Assert.InRange(lists, 1, listBound);
        Assert.Equal(0, getsAfter - getsBefore);
        Assert.Equal(versionsBefore, versionsAfter);
    }

    private async Task<Dictionary<string, string>> ResourceVersionsAsync(EntityClient<VirtualMachine> vms) =>
        (await vms.ListAsync(Ns, null, null, 500, Ct)).Items.ToDictionary(vm => vm.Metadata.Name, vm => vm.Metadata.ResourceVersion);
}

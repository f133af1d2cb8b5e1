using Integration.Tests.EndToEnd;
using Integration.Tests.Infrastructure;
using k8s;
using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Runtime;
using NeevCloud.Simulator;
using Soak.Tests.OutOfProcess;

namespace Soak.Tests;

/// <summary>
/// VMs replaced on approval while the operator is SIGKILLed at each step of the replacement (stop, delete, create,
/// the wait for the new VM), out of process, with some creates' answers lost. The simulator's own record then shows
/// what happened all along: each successor created only after its predecessor was deleted (never two live VMs of
/// one VirtualMachine), each root disk still there and never deleting (a deletion cannot be undone). Every VM runs
/// the new configuration on its old root disk, created exactly once more.
/// </summary>
public sealed class ReplacementSoakTests
{
    private const string Namespace = "soak-replace";
    private const string NewConfig = "sim-l40s-1x";
    private const int Vms = 6;
    private static readonly TimeSpan Converge = TimeSpan.FromMinutes(4);
    private static readonly ReplacementStep[] KillAt = [ReplacementStep.Stop, ReplacementStep.Delete, ReplacementStep.Create, ReplacementStep.WaitReady];

    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_operator_killed_at_each_step_of_a_replacement_never_makes_two_vms_nor_loses_a_root_disk()
    {
        var logs = Directory.CreateTempSubdirectory("neev-soak-replace-");
        var tokenFile = Path.Combine(logs.FullName, "token");
        var token = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        await File.WriteAllTextAsync(tokenFile, token, _ct);
        await using var controlPlane = await LocalControlPlaneBackend.StartAsync(LocalControlPlaneBackend.InstanceFor("soak-replace"), _ct);
        using var kubernetes = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(controlPlane.KubeconfigPath));
        var cluster = new SoakCluster(kubernetes, controlPlane.KubeconfigPath, Namespace);
        await cluster.InstallCrdsAsync(_ct);
        // Steps of 2 s: each replacement step lasts long enough to be caught, and killed, while it runs.
        await using var cloud = await SimulatorProcess.StartAsync(token, Path.Combine(logs.FullName, "simulator.log"), ["--Simulator:StepDuration=00:00:02"], _ct);
        await cloud.Admin.SetFaultsAsync(
            new SimulatorFaults { Seed = SoakSettings.FixedSeed, Rules = [new() { Operation = "createVM", Probability = 0.2, LostResponse = true }] }, _ct);

        var incarnation = 0;
        OperatorProcess Start() => OperatorProcess.Start(
            controlPlane.KubeconfigPath, cloud, tokenFile, Path.Combine(logs.FullName, $"operator-{incarnation++}.log"),
            ["--Operator:Lifecycle:CreateGracePeriod=00:00:10", "--Operator:Lifecycle:LookupInterval=00:00:02", "--Operator:DeletionBreaker:MaxDeletes=0"]);
        var running = Start();
        try
        {
            var manifest = string.Join("\n---\n", [VmManifests.Project("team"), .. Enumerable.Range(0, Vms).Select(i =>
                VmManifests.VmWithNewDisk($"box-{i}", "team", deleteRootDisk: false, extraSpec: "  updatePolicy: ReplaceOnApproval"))]);
            await cluster.ApplyAsync(manifest, _ct);
            var ready = await UntilAllAsync(cluster, vm => Assert.True(Conditions.IsTrue(vm.Status?.Conditions, ConditionTypes.Ready), vm.Metadata.Name));
            var rootDisks = ready.ToDictionary(vm => vm.Metadata.Name, vm => vm.Status.RootDisk!.Id!);

            using var killing = CancellationTokenSource.CreateLinkedTokenSource(_ct);
            killing.CancelAfter(Converge);
            var changes = cluster.WatchVirtualMachinesAsync(killing.Token).GetAsyncEnumerator(killing.Token);
            foreach (var vm in ready)
            {
                // The change and its approval in one apply, as a reviewed pull request that also approves would do.
                await cluster.PatchVmAsync(
                    vm.Metadata.Name,
                    new Dictionary<string, object>
                    {
                        ["spec"] = new Dictionary<string, object> { ["vmConfigId"] = NewConfig },
                        ["metadata"] = new Dictionary<string, object> { ["annotations"] = new Dictionary<string, string> { ["neevcloud.com/approve-replacement"] = $"{vm.Metadata.Generation + 1}" } },
                    },
                    _ct);
            }

            // A kill as soon as a status write shows any VM in a step not yet killed at.
            var killedAt = new List<ReplacementStep>();
            while (killedAt.Count < KillAt.Length && await changes.MoveNextAsync())
            {
                if (changes.Current.Status?.Replacement?.Step is { } step && KillAt.Contains(step) && !killedAt.Contains(step))
                {
                    await running.Process.KillAsync();
                    await running.DisposeAsync();
                    killedAt.Add(step);
                    running = Start();
                }
            }

            await changes.DisposeAsync();

            var replaced = await UntilAllAsync(cluster, vm =>
            {
                Assert.Equal(ReplacementStep.Done, vm.Status?.Replacement?.Step);
                Assert.True(Conditions.IsTrue(vm.Status!.Conditions, ConditionTypes.Ready), vm.Metadata.Name);
            });

            Assert.Equal(KillAt, killedAt);
            var state = await cloud.Admin.GetStateAsync(_ct);
            foreach (var vm in replaced)
            {
                var name = vm.Metadata.Name;
                Assert.Equal((rootDisks[name], NewConfig), (vm.Status.RootDisk!.Id, vm.Status.Observed!.VmConfigId));
                // The first VM and its one successor (deleted VMs stay listed for 5 min): a create is never repeated,
                // and the successor was created after the first VM had entered deleted.
                var made = state.Vms.Where(v => v.Name == name).OrderBy(v => v.CreatedAt).ToList();
                Assert.Equal(2, made.Count);
                var (first, successor) = (made[0], made[1]);
                Assert.Equal("deleted", first.Status);
                Assert.True(successor.CreatedAt >= first.UpdatedAt, $"{name}: {successor.Id} was created at {successor.CreatedAt:O}, before {first.Id} was deleted at {first.UpdatedAt:O}");
                var disk = Assert.Single(state.Volumes, v => v.Id == rootDisks[name]);
                Assert.True(disk.Status is not ("deleting" or "deleted"), $"root disk {disk.Id} of {name} is {disk.Status}");
            }

            logs.Delete(recursive: true);
        }
        finally
        {
            await running.DisposeAsync();
        }
    }

    /// <summary>The VirtualMachines, once all of them pass <paramref name="assertion"/>.</summary>
    private async Task<IList<VirtualMachine>> UntilAllAsync(SoakCluster cluster, Action<VirtualMachine> assertion)
    {
        IList<VirtualMachine> vms = [];
        await Eventually.AssertAsync(
            async () =>
            {
                vms = await cluster.VirtualMachinesAsync(_ct);
                Assert.Equal(Vms, vms.Count);
                foreach (var vm in vms)
                {
                    assertion(vm);
                }
            },
            Converge,
            _ct);
        return vms;
    }
}

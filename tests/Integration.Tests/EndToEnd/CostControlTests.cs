using Integration.Tests.Infrastructure;
using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Runtime;
using NeevCloud.Simulator;
using static Integration.Tests.EndToEnd.VmManifests;

namespace Integration.Tests.EndToEnd;

/// <summary>Expiry as a user meets it: a VM that deletes itself when it expires, and a protected one that is only stopped.</summary>
public sealed class CostControlTests(KubernetesFixture cluster) : OperatorScenario(cluster, "cost")
{
    protected override SimulatorOptions SimulatorOptions => new() { StepDuration = TimeSpan.FromMilliseconds(300) };

    [Fact]
    public async Task An_expired_vm_with_on_expiry_delete_is_deleted_and_a_protected_one_is_stopped_instead()
    {
        await StartOperatorAsync("--Operator:Expiry:WarnBefore=00:00:10");
        await ApplyAsync(Project("team"));
        var expiresAt = DateTimeOffset.UtcNow.AddSeconds(25).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        await ApplyAsync(VmWithNewDisk("scratch", "team", extraSpec: $"  expiresAt: \"{expiresAt}\"\n  onExpiry: Delete"));
        await ApplyAsync(VmWithNewDisk("keeper", "team", extraSpec: $"  expiresAt: \"{expiresAt}\"\n  onExpiry: Delete\n  deletionProtection: true"));
        var ready = await WaitForReadyAsync<VirtualMachine>("scratch");
        Assert.Equal((expiresAt, "Deleted"), (ready.Status.NextPowerChange?.At, ready.Status.NextPowerChange?.To));

        await WaitUntilGoneAsync<VirtualMachine>("scratch", TimeSpan.FromSeconds(90));
        var kept = await WaitForAsync<VirtualMachine>("keeper", vm => Assert.Equal("stopped", vm.Status.Phase), TimeSpan.FromSeconds(60));

        Assert.Equal(1, await Cloud.CallsAsync("deleteVM", Ct));
        Assert.Null(kept.Metadata.DeletionTimestamp);
        Assert.Contains("spec.deletionProtection keeps it", Conditions.Find(kept.Status.Conditions, ConditionTypes.Ready)?.Message, StringComparison.Ordinal);
        Assert.NotNull(kept.Status.Usage?.Since);
    }
}

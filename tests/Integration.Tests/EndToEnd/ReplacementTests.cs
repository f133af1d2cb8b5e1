using Integration.Tests.Infrastructure;
using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Runtime;
using NeevCloud.Simulator;
using static Integration.Tests.EndToEnd.VmManifests;

namespace Integration.Tests.EndToEnd;

/// <summary>Changing a VM the cloud cannot update, as a user does it: kubectl apply, read the plan, approve, wait.</summary>
public sealed class ReplacementTests(KubernetesFixture cluster) : OperatorScenario(cluster, "replace")
{
    private const string Bigger = "sim-l40s-1x";

    protected override SimulatorOptions SimulatorOptions => new() { StepDuration = TimeSpan.FromMilliseconds(300) };

    [Fact]
    public async Task A_vm_changed_to_another_config_shows_its_plan_waits_and_after_approval_runs_the_new_config_on_its_root_disk()
    {
        await StartOperatorAsync();
        await ApplyAsync(Project("team"));
        await ApplyAsync(VmWithNewDisk("trainer", "team", deleteRootDisk: false, extraSpec: "  updatePolicy: ReplaceOnApproval"));
        var before = await WaitForReadyAsync<VirtualMachine>("trainer");
        var (oldVmId, rootDiskId) = (before.Status.VmId!, before.Status.RootDisk!.Id!);

        await PatchAsync("virtualmachine", "trainer", "{\"spec\":{\"vmConfigId\":\"" + Bigger + "\"}}");
        var pending = await WaitForConditionAsync<VirtualMachine>("trainer", ConditionTypes.Reconciling, "True", "ReplacementPendingApproval");

        var plan = pending.Status.Plan!;
        Assert.Equal(pending.Metadata.Generation, plan.Generation);
        var change = Assert.Single(plan.Changes);
        Assert.Equal(("vmConfigId", VmConfig, Bigger), (change.Field, change.From, change.To));
        Assert.Contains(plan.DisksKept!, d => d.Contains(rootDiskId, StringComparison.Ordinal));
        Assert.Equal(0, await Cloud.CallsAsync("stopVM", Ct) + await Cloud.CallsAsync("deleteVM", Ct));

        await PatchAsync("virtualmachine", "trainer", Approval(plan.Generation));
        var replaced = await WaitForAsync<VirtualMachine>("trainer", vm =>
        {
            Assert.Equal(ReplacementStep.Done, vm.Status.Replacement?.Step);
            Assert.True(Conditions.IsTrue(vm.Status.Conditions, ConditionTypes.Ready));
        }, TimeSpan.FromSeconds(90));

        Assert.NotEqual(oldVmId, replaced.Status.VmId);
        Assert.Equal(rootDiskId, replaced.Status.RootDisk!.Id);
        Assert.Equal(Bigger, replaced.Status.Observed!.VmConfigId);
        Assert.Equal(oldVmId, replaced.Status.Replacement!.FromVmId);
        Assert.Null(replaced.Status.Plan);
        var state = await Cloud.StateAsync(Ct);
        var live = Assert.Single(state.Vms, vm => vm.Status != "deleted");
        Assert.Equal((replaced.Status.VmId, Bigger, rootDiskId), (live.Id, live.VmConfigId, live.RootDiskId));
        Assert.Equal(2, await Cloud.CallsAsync("createVM", Ct));
    }

    [Fact]
    public async Task A_change_that_would_drop_a_data_disk_created_with_the_vm_is_refused_without_allow_data_loss()
    {
        await StartOperatorAsync();
        await ApplyAsync(Project("team"));
        await ApplyAsync(VmWithNewDisk("builder", "team", deleteRootDisk: false,
            extraSpec: "  updatePolicy: ReplaceOnApproval\n  dataDisks: {create: [{name: scratch, type: block, sizeGb: 50}]}"));
        await WaitForReadyAsync<VirtualMachine>("builder");

        await PatchAsync("virtualmachine", "builder", "{\"spec\":{\"vmConfigId\":\"" + Bigger + "\"},\"metadata\":{\"annotations\":{\"neevcloud.com/approve-replacement\":\"2\"}}}");
        var refused = await WaitForConditionAsync<VirtualMachine>("builder", ConditionTypes.Stalled, "True", "ReplacementRefused");

        Assert.Contains("allowDataLoss", Conditions.Find(refused.Status.Conditions, ConditionTypes.Stalled)!.Message, StringComparison.Ordinal);
        Assert.Contains(refused.Status.Plan!.DisksLost!, d => d.Contains("scratch", StringComparison.Ordinal));
        Assert.Null(refused.Status.Replacement);
        Assert.Equal(0, await Cloud.CallsAsync("stopVM", Ct) + await Cloud.CallsAsync("deleteVM", Ct));
    }

    private static string Approval(long generation) =>
        "{\"metadata\":{\"annotations\":{\"neevcloud.com/approve-replacement\":\"" + generation.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\"}}}";
}

using Integration.Tests.Infrastructure;
using NeevCloud.Crds.Projects;
using NeevCloud.Crds.RootDisks;
using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Runtime;
using NeevCloud.Simulator;
using static Integration.Tests.EndToEnd.VmManifests;

namespace Integration.Tests.EndToEnd;

/// <summary>
/// The VirtualMachine and RootDisk controllers end to end: kubectl → real API server → operator
/// (in-process) → NeevCloud simulator with a fast lifecycle, checking what a user sees in status
/// and what exists in the cloud.
/// </summary>
public sealed class VirtualMachineControllerTests(KubernetesFixture cluster) : OperatorScenario(cluster, "vm")
{
    protected override SimulatorOptions SimulatorOptions => new() { StepDuration = TimeSpan.FromMilliseconds(300) };

    [Fact]
    public async Task A_vm_becomes_ready_with_its_ip_and_follows_power_state_and_restart_requests()
    {
        await StartOperatorAsync();
        await ApplyAsync(Project("team"));
        await ApplyAsync(VmWithNewDisk("web", "team"));

        var ready = await WaitForReadyAsync<VirtualMachine>("web");
        Assert.Equal("running", ready.Status.Phase);
        Assert.NotNull(ready.Status.PublicIp);
        Assert.Equal("web-disk", ready.Status.RootDisk?.Name);
        var cloudVm = Assert.Single((await Cloud.StateAsync(Ct)).Vms);
        Assert.Equal((cloudVm.Id, cloudVm.PublicIp), (ready.Status.VmId, ready.Status.PublicIp));
        var get = await Cluster.KubectlAsync(["get", "nvm", "web", "-n", Ns], cancellationToken: Ct);
        Assert.Contains(ready.Status.PublicIp!, get.StdOut, StringComparison.Ordinal);

        await ApplyAsync(VmWithNewDisk("web", "team", extraSpec: "  powerState: Stopped"));
        await WaitForAsync<VirtualMachine>("web", vm => Assert.Equal(("stopped", "True"), (vm.Status.Phase, ReadyOf(vm))));

        await ApplyAsync(VmWithNewDisk("web", "team", extraSpec: "  powerState: Running"));
        await WaitForAsync<VirtualMachine>("web", vm => Assert.Equal(("running", "True"), (vm.Status.Phase, ReadyOf(vm))));

        await ApplyAsync(VmWithNewDisk("web", "team", extraSpec: "  restartRequestedAt: \"2026-12-01T10:00:00Z\""));
        await WaitForAsync<VirtualMachine>("web", vm =>
        {
            Assert.Equal("2026-12-01T10:00:00Z", vm.Status.LastHandledRestartRequestedAt);
            Assert.Equal(("running", "True"), (vm.Status.Phase, ReadyOf(vm)));
        });
        // The request is handled once: later passes (refresh every second here) do not restart again.
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);
        Assert.Equal(1, await Cloud.CallsAsync("restartVM", Ct));
        Assert.Equal(1, await Cloud.CallsAsync("createVM", Ct));
    }

    [Fact]
    public async Task A_vm_waits_for_its_project_with_a_clear_reason()
    {
        await StartOperatorAsync();
        await ApplyAsync(VmWithNewDisk("early", "later"));

        var waiting = await WaitForConditionAsync<VirtualMachine>("early", ConditionTypes.Reconciling, "True", "WaitingForProject");
        Assert.Contains("Project " + Ns + "/later does not exist", Conditions.Find(waiting.Status.Conditions, ConditionTypes.Reconciling)!.Message, StringComparison.Ordinal);
        Assert.Equal(0, await Cloud.CallsAsync("createVM", Ct));

        await ApplyAsync(Project("later"));
        await WaitForReadyAsync<VirtualMachine>("early");
    }

    [Fact]
    public async Task A_kept_root_disk_becomes_a_root_disk_resource_that_a_new_vm_attaches_and_whose_deletion_waits_for_it()
    {
        await StartOperatorAsync();
        await ApplyAsync(Project("team"));
        await ApplyAsync(VmWithNewDisk("first", "team", deleteRootDisk: false));
        var diskId = (await WaitForReadyAsync<VirtualMachine>("first")).Status.RootDisk!.Id!;

        await DeleteAsync("nvm", "first");
        await WaitUntilGoneAsync<VirtualMachine>("first");
        var kept = await WaitForReadyAsync<RootDisk>("first-root");
        Assert.Equal((diskId, false), (kept.Spec.DiskId, kept.Status.Attached));

        await ApplyAsync(VmAttachingDisk("second", "team", "first-root"));
        var second = await WaitForReadyAsync<VirtualMachine>("second");
        Assert.Equal(diskId, second.Status.RootDisk?.Id);
        await WaitForAsync<RootDisk>("first-root", disk => Assert.Equal("second", disk.Status.AttachedTo));

        await DeleteAsync("nrd", "first-root");
        var blocked = await WaitForConditionAsync<RootDisk>("first-root", ConditionTypes.Reconciling, "True", "AttachedToVM");
        Assert.Contains($"{Ns}/second", Conditions.Find(blocked.Status.Conditions, ConditionTypes.Reconciling)!.Message, StringComparison.Ordinal);
        Assert.Contains((await Cloud.StateAsync(Ct)).Volumes, v => v.Id == diskId);

        await DeleteAsync("nvm", "second");
        await WaitUntilGoneAsync<VirtualMachine>("second");
        await WaitUntilGoneAsync<RootDisk>("first-root");
        Assert.DoesNotContain((await Cloud.StateAsync(Ct)).Volumes, v => v.Id == diskId);
    }

    [Fact]
    public async Task A_project_with_vms_is_deleted_only_after_its_vms()
    {
        await StartOperatorAsync();
        await ApplyAsync(Project("team"));
        await ApplyAsync(VmWithNewDisk("web", "team"));
        var projectId = (await WaitForReadyAsync<Project>("team")).Status.ProjectId!;
        await WaitForReadyAsync<VirtualMachine>("web");

        await DeleteAsync("nproj", "team");
        var blocked = await WaitForConditionAsync<Project>("team", ConditionTypes.Reconciling, "True", "DependentsExist");
        Assert.Contains($"delete VirtualMachine {Ns}/web first", Conditions.Find(blocked.Status.Conditions, ConditionTypes.Reconciling)!.Message, StringComparison.Ordinal);
        Assert.True(await Cloud.ProjectExistsAsync(projectId, Ct));

        await DeleteAsync("nvm", "web");
        await WaitUntilGoneAsync<Project>("team");
        var state = await Cloud.StateAsync(Ct);
        Assert.Empty(state.Projects);
        Assert.Empty(state.Volumes);
    }

    [Fact]
    public async Task A_lost_create_response_and_an_operator_restart_leave_exactly_one_cloud_vm()
    {
        await StartOperatorAsync();
        await ApplyAsync(Project("team"));
        await WaitForReadyAsync<Project>("team");
        await Cloud.LoseResponsesAsync("createVM", times: 1, Ct);

        await ApplyAsync(VmWithNewDisk("once", "team"));
        await Eventually.AssertAsync(async () => Assert.True(await Cloud.CallsAsync("createVM", Ct) >= 1), Timeout, Ct);
        await StopOperatorAsync();
        await StartOperatorAsync();

        var ready = await WaitForReadyAsync<VirtualMachine>("once");
        var cloudVm = Assert.Single((await Cloud.StateAsync(Ct)).Vms);
        Assert.Equal(cloudVm.Id, ready.Status.VmId);
        Assert.Equal(1, await Cloud.CallsAsync("createVM", Ct));
    }

    [Fact]
    public async Task A_folder_applied_and_deleted_with_kubectl_converges_both_ways_and_leaves_nothing_in_the_cloud()
    {
        var dir = Directory.CreateTempSubdirectory("neev-e2e-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "project.yaml"), Project("app"), Ct);
            // A kept root disk would outlive the folder on purpose (DeletionSafetyTests): this VM's goes with it.
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "vm.yaml"), VmWithNewDisk("api", "app", deleteRootDisk: true), Ct);
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "vm-stopped.yaml"), VmWithNewDisk("batch", "app", extraSpec: "  powerState: Stopped"), Ct);
            await StartOperatorAsync();

            var apply = await Cluster.KubectlAsync(["apply", "-n", Ns, "-f", dir.FullName], cancellationToken: Ct);
            Assert.True(apply.ExitCode == 0, apply.ToString());
            await WaitForReadyAsync<Project>("app");
            await WaitForReadyAsync<VirtualMachine>("api");
            Assert.Equal("stopped", (await WaitForReadyAsync<VirtualMachine>("batch")).Status.Phase);

            var delete = await Cluster.KubectlAsync(["delete", "-n", Ns, "-f", dir.FullName, "--wait=false"], cancellationToken: Ct);
            Assert.True(delete.ExitCode == 0, delete.ToString());
            await WaitUntilGoneAsync<Project>("app", TimeSpan.FromSeconds(90));
            await WaitUntilGoneAsync<VirtualMachine>("api");
            await WaitUntilGoneAsync<VirtualMachine>("batch");
            var state = await Cloud.StateAsync(Ct);
            Assert.Empty(state.Projects);
            Assert.Empty(state.Vms);
            Assert.Empty(state.Volumes);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static string? ReadyOf(VirtualMachine vm) => Conditions.Find(vm.Status?.Conditions, ConditionTypes.Ready)?.Status;
}

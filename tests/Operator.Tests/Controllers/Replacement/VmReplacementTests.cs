using k8s;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;
using NeevCloud.Crds;
using NeevCloud.Crds.Projects;
using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Cloud;
using NeevCloud.Operator.Controllers.VirtualMachines.Replacement;
using NeevCloud.Operator.Runtime;
using NeevCloud.Operator.Runtime.Managed;
using NeevCloud.Operator.Tests.Cloud;
using Operator.Tests.Runtime.Managed;

namespace Operator.Tests.Controllers.Replacement;

/// <summary>
/// A VM replaced on approval, through the shared lifecycle against the in-process simulator: the plan and the wait,
/// the steps, and an operator that dies at any pass. A death is modelled at its worst point: after the pass's cloud
/// calls and annotation writes, before its status write; the next pass is a fresh operator.
/// </summary>
public sealed class VmReplacementTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero));
    private readonly RecordingEvents _events = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_changed_config_waits_for_approval_of_its_generation_then_replaces_the_vm_keeping_its_root_disk()
    {
        await using var cloud = await SimulatedCloud.StartAsync(simulatorTime: _time);
        var world = await World.StartAsync(cloud, _time, _events);
        var vm = await world.RunningVmAsync();
        var (oldVmId, rootDiskId) = (vm.Status.VmId!, vm.Status.RootDisk!.Id!);

        world.Change(vm, spec => spec.VmConfigId = cloud.Catalog.VmConfigs[1]);
        await world.PassAsync(vm);

        var plan = vm.Status.Plan!;
        Assert.Equal(2, plan.Generation);
        var change = Assert.Single(plan.Changes);
        Assert.Equal(("vmConfigId", cloud.Catalog.VmConfigs[0], cloud.Catalog.VmConfigs[1]), (change.Field, change.From, change.To));
        Assert.Contains(plan.DisksKept!, d => d.Contains(rootDiskId, StringComparison.Ordinal));
        Assert.Null(plan.Refused);
        Assert.Equal(("True", VmReplacement.PendingApproval), Reconciling(vm));
        Assert.Contains($"{ReplacementPlanner.ApprovalAnnotation}=\"2\"", Conditions.Find(vm.Status.Conditions, ConditionTypes.Ready)!.Message, StringComparison.Ordinal);

        Approve(vm, "1");
        await world.PassAsync(vm);
        Assert.Equal(("True", VmReplacement.PendingApproval), Reconciling(vm));
        Assert.Contains("approves another generation and is ignored", Conditions.Find(vm.Status.Conditions, ConditionTypes.Ready)!.Message, StringComparison.Ordinal);
        Assert.Equal(0, await cloud.CountCallsAsync("stopVM") + await cloud.CountCallsAsync("deleteVM"));

        Approve(vm, "2");
        await world.RunUntilReadyAsync(vm);

        Assert.NotEqual(oldVmId, vm.Status.VmId);
        Assert.Equal(rootDiskId, vm.Status.RootDisk!.Id);
        Assert.Equal(cloud.Catalog.VmConfigs[1], vm.Status.Observed!.VmConfigId);
        Assert.Null(vm.Status.Plan);
        var replacement = vm.Status.Replacement!;
        Assert.Equal((oldVmId, vm.Status.VmId, 2L), (replacement.FromVmId, replacement.ToVmId, replacement.Generation));
        Assert.Equal(
            [ReplacementStep.Stop, ReplacementStep.Delete, ReplacementStep.Create, ReplacementStep.WaitReady, ReplacementStep.Done],
            replacement.Steps.Select(s => s.Step));
        Assert.Equal(2, await cloud.CountCallsAsync("createVM"));
        Assert.Single(await world.LiveVmsAsync());
    }

    // The soak does this with real processes; here every pass of the replacement is the one that dies.
    [Fact]
    public async Task An_operator_that_dies_at_any_pass_of_a_replacement_never_makes_two_vms_nor_loses_the_root_disk()
    {
        for (var dieAt = 0; dieAt < 12; dieAt++)
        {
            await using var cloud = await SimulatedCloud.StartAsync(simulatorTime: _time);
            var world = await World.StartAsync(cloud, _time, _events);
            var vm = await world.RunningVmAsync();
            var rootDiskId = vm.Status.RootDisk!.Id!;
            world.Change(vm, spec => spec.GpuCount = 1);
            Approve(vm, "2");

            await world.RunUntilReadyAsync(vm, dieAt, async () =>
            {
                Assert.True((await world.LiveVmsAsync()).Count <= 1, $"two VMs at once (death at pass {dieAt})");
                var disk = await cloud.Client.GetRootDiskAsync(cloud.Org, world.ProjectId, rootDiskId, Ct);
                Assert.NotEqual("deleting", disk.Status.Raw);
            });

            Assert.Equal(rootDiskId, vm.Status.RootDisk!.Id);
            Assert.Equal(1, vm.Status.Observed!.GpuCount);
            Assert.Equal(2, await cloud.CountCallsAsync("createVM"));
            Assert.Equal(ReplacementStep.Done, vm.Status.Replacement!.Step);
        }
    }

    [Fact]
    public async Task The_new_vms_lost_create_answer_is_found_not_sent_again()
    {
        await using var cloud = await SimulatedCloud.StartAsync(simulatorTime: _time);
        var world = await World.StartAsync(cloud, _time, _events);
        var vm = await world.RunningVmAsync();
        world.Change(vm, spec => spec.PlanId = cloud.Catalog.Plans[1]);
        Approve(vm, "2");
        await cloud.SetFaultsAsync(new FaultRule("createVM", Status: null, LostResponse: true, MaxCount: 1));
        var lookedUp = false;

        await world.RunUntilReadyAsync(vm, after: () =>
        {
            lookedUp |= Reconciling(vm).Item2 == "CreateOutcomeUnknown";
            return Task.CompletedTask;
        });

        Assert.True(lookedUp, "the create's answer was lost, and the VM looked up");
        Assert.Equal(2, await cloud.CountCallsAsync("createVM"));
        Assert.Single(await world.LiveVmsAsync());
        Assert.Equal(ReplacementStep.Done, vm.Status.Replacement!.Step);
    }

    [Fact]
    public async Task A_change_that_would_delete_a_data_disk_created_with_the_vm_is_refused_until_data_loss_is_allowed()
    {
        await using var cloud = await SimulatedCloud.StartAsync(simulatorTime: _time);
        var world = await World.StartAsync(cloud, _time, _events);
        var vm = await world.RunningVmAsync(spec => spec.DataDisks = new() { Create = [new() { Name = "scratch", Type = DataDiskType.Block, SizeGb = 100 }] });
        world.Change(vm, spec => spec.VmConfigId = cloud.Catalog.VmConfigs[1]);
        Approve(vm, "2");

        await world.PassAsync(vm);

        var stalled = Conditions.Find(vm.Status.Conditions, ConditionTypes.Stalled)!;
        Assert.Equal(("True", "ReplacementRefused"), (stalled.Status, stalled.Reason));
        Assert.Contains("allowDataLoss", stalled.Message, StringComparison.Ordinal);
        Assert.Contains(vm.Status.Plan!.DisksLost!, d => d.Contains("scratch", StringComparison.Ordinal));
        Assert.Null(vm.Status.Replacement);
        Assert.Equal(0, await cloud.CountCallsAsync("stopVM"));

        world.Change(vm, spec => spec.AllowDataLoss = true);
        Approve(vm, "3");
        await world.RunUntilReadyAsync(vm);

        Assert.Equal(ReplacementStep.Done, vm.Status.Replacement!.Step);
        Assert.Equal("scratch", Assert.Single(vm.Status.DataDisks!).Name);
    }

    [Fact]
    public async Task A_spec_changed_again_while_stopping_cancels_the_replacement_before_anything_is_deleted()
    {
        await using var cloud = await SimulatedCloud.StartAsync(simulatorTime: _time);
        var world = await World.StartAsync(cloud, _time, _events);
        var vm = await world.RunningVmAsync();
        world.Change(vm, spec => spec.GpuCount = 1);
        Approve(vm, "2");
        await world.PassAsync(vm);
        await world.PassAsync(vm);
        Assert.Equal(ReplacementStep.Stop, vm.Status.Replacement!.Step);

        world.Change(vm, spec => spec.GpuCount = 2);
        for (var pass = 0; pass < 5; pass++)
        {
            await world.PassAsync(vm);
        }

        Assert.Null(vm.Status.Replacement);
        Assert.Equal(3, vm.Status.Plan!.Generation);
        Assert.Equal(("True", VmReplacement.PendingApproval), Reconciling(vm));
        Assert.Equal(0, await cloud.CountCallsAsync("deleteVM"));
    }

    [Fact]
    public async Task A_plan_waiting_for_approval_waits_on_the_user_not_on_the_cloud()
    {
        await using var cloud = await SimulatedCloud.StartAsync(simulatorTime: _time);
        var world = await World.StartAsync(cloud, _time, _events);
        var vm = await world.RunningVmAsync();
        world.Change(vm, spec => spec.GpuCount = 1);
        await world.PassAsync(vm);
        var listed = await cloud.CountCallsAsync("listVMs");

        var result = await world.PassAsync(vm);
        await world.PassAsync(vm);

        Assert.Equal(listed, await cloud.CountCallsAsync("listVMs"));
        Assert.Equal(ReconcileResult.After(new RefreshOptions().Stable), result);
        Assert.Equal(("True", VmReplacement.PendingApproval), Reconciling(vm));
    }

    [Fact]
    public async Task Under_refuse_the_vm_is_left_alone_and_no_plan_is_written()
    {
        await using var cloud = await SimulatedCloud.StartAsync(simulatorTime: _time);
        var world = await World.StartAsync(cloud, _time, _events);
        var vm = await world.RunningVmAsync(spec => spec.UpdatePolicy = UpdatePolicy.Refuse);

        await world.PassAsync(vm);

        Assert.Null(vm.Status.Plan);
        Assert.Equal("True", Conditions.Find(vm.Status.Conditions, ConditionTypes.Ready)!.Status);
    }

    [Fact]
    public async Task The_offline_plan_of_the_manifests_is_the_plan_the_controller_writes()
    {
        await using var cloud = await SimulatedCloud.StartAsync(simulatorTime: _time);
        var world = await World.StartAsync(cloud, _time, _events);
        var vm = await world.RunningVmAsync(spec => spec.DataDisks = new() { Create = [new() { Name = "scratch", Type = DataDiskType.Block, SizeGb = 100 }] });
        var inCluster = KubernetesJson.Serialize(vm);
        var manifest = new VirtualMachine
        {
            ApiVersion = "neevcloud.com/v1alpha1", Kind = "VirtualMachine",
            Metadata = new V1ObjectMeta { Name = vm.Metadata.Name, NamespaceProperty = vm.Metadata.NamespaceProperty },
            Spec = KubernetesJson.Deserialize<VirtualMachineSpec>(KubernetesJson.Serialize(vm.Spec)),
        };
        manifest.Spec.VmConfigId = cloud.Catalog.VmConfigs[1];
        manifest.Spec.SshKeys = ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIH0Bd5eSbq5VLb8uZ8bG6Q2t9yV0b3w1Xg0fJxG8dY7a a@example"];

        // The controller, once the manifest is applied.
        world.Change(vm, spec => (spec.VmConfigId, spec.SshKeys) = (manifest.Spec.VmConfigId, manifest.Spec.SshKeys));
        await world.PassAsync(vm);
        var written = vm.Status.Plan!;

        // The pull request, before: the manifests and the cluster's objects as kubectl prints them.
        var dir = Directory.CreateTempSubdirectory("neev-plan-");
        try
        {
            var current = KubernetesJson.Deserialize<VirtualMachine>(inCluster);
            (current.ApiVersion, current.Kind) = ("neevcloud.com/v1alpha1", "VirtualMachine");
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "vm.yaml"), KubernetesYaml.Serialize(manifest), Ct);
            var currentFile = Path.Combine(dir.FullName, "..", $"{dir.Name}-current.yaml");
            await File.WriteAllTextAsync(currentFile, "apiVersion: v1\nkind: List\nitems:\n- " + KubernetesYaml.Serialize(current).Replace("\n", "\n  ", StringComparison.Ordinal).TrimEnd() + "\n", Ct);
            using var output = new StringWriter();
            using var errors = new StringWriter();

            var exit = await NeevCloud.Operator.Planning.PlanCommand.RunAsync(["-f", dir.FullName, "--current", currentFile, "-o", "yaml"], output, errors, Ct);
            File.Delete(currentFile);

            Assert.True(exit == 0, errors.ToString());
            var offline = NeevCloud.Operator.Planning.PlanCommand.PlanFor(manifest, current);
            Assert.Equal(KubernetesJson.Serialize(written), KubernetesJson.Serialize(offline.Plan));
            Assert.Equal(KubernetesYaml.Serialize(offline), output.ToString());
            Assert.Contains("replacement refused", offline.Verdict, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static (string, string) Reconciling(VirtualMachine vm) =>
        Conditions.Find(vm.Status.Conditions, ConditionTypes.Reconciling) is { } c ? (c.Status, c.Reason) : ("", "");

    private static void Approve(VirtualMachine vm, string generation)
    {
        vm.Metadata.Annotations ??= new Dictionary<string, string>();
        vm.Metadata.Annotations[ReplacementPlanner.ApprovalAnnotation] = generation;
    }

    /// <summary>One project in the cloud and the cluster, and the operator passes over one VM.</summary>
    private sealed class World(SimulatedCloud cloud, FakeTimeProvider time, RecordingEvents events, EntityCache<Project> projects, string projectId)
    {
        private ManagedReconciler<VirtualMachine> _operator = VmReconciler.For(cloud, events, time, projects: projects);

        public string ProjectId => projectId;

        public static async Task<World> StartAsync(SimulatedCloud cloud, FakeTimeProvider time, RecordingEvents events)
        {
            var project = await cloud.CreateProjectAsync($"p-{Guid.NewGuid():N}"[..20]);
            var projects = EmptyCluster.Cache<Project>();
            var resource = new Project
            {
                Metadata = new V1ObjectMeta
                {
                    Name = "team", NamespaceProperty = "ml", Uid = "uid-project", Generation = 1,
                    Annotations = new Dictionary<string, string> { [ManagedAnnotations.ExternalId] = project.Id },
                },
                Spec = new ProjectSpec { OrganizationId = cloud.Org },
                Status = new NeevCloud.Crds.Projects.ProjectStatus { OrganizationId = cloud.Org, ProjectId = project.Id },
            };
            Conditions.Apply(resource.Status, Readiness.IsReady("Available"), 1, time.GetUtcNow());
            projects.Upsert(resource);
            return new World(cloud, time, events, projects, project.Id);
        }

        public async Task<VirtualMachine> RunningVmAsync(Action<VirtualMachineSpec>? adjust = null)
        {
            var vm = new VirtualMachine
            {
                Metadata = new V1ObjectMeta { Name = "trainer-1", NamespaceProperty = "ml", Uid = "uid-vm", Generation = 1, ResourceVersion = "1" },
                Spec = new VirtualMachineSpec
                {
                    ProjectRef = new LocalObjectReference { Name = "team" },
                    RegionId = cloud.Catalog.Regions[0],
                    VmConfigId = cloud.Catalog.VmConfigs[0],
                    PlanId = cloud.Catalog.Plans[0],
                    UpdatePolicy = UpdatePolicy.ReplaceOnApproval,
                    RootDisk = new VirtualMachineRootDisk { Create = new NewRootDisk { Name = "trainer-1-root", SizeGb = 20, ImageId = cloud.Catalog.Images[0] } },
                },
                Status = new VirtualMachineStatus(),
            };
            adjust?.Invoke(vm.Spec);
            await RunUntilReadyAsync(vm);
            return vm;
        }

        /// <summary>The user edits the spec: a new generation.</summary>
        public void Change(VirtualMachine vm, Action<VirtualMachineSpec> edit)
        {
            edit(vm.Spec);
            vm.Metadata.Generation++;
        }

        /// <summary>One pass; when <paramref name="dies"/>, the operator dies before writing status and a new one takes over.</summary>
        public async Task<ReconcileResult> PassAsync(VirtualMachine vm, bool dies = false)
        {
            var before = KubernetesJson.Deserialize<VirtualMachine>(KubernetesJson.Serialize(vm));
            var result = await _operator.ReconcileAsync(vm, Ct);
            if (dies)
            {
                vm.Status = before.Status;
                _operator = VmReconciler.For(cloud, events, time, projects: projects);
            }

            time.Advance(TimeSpan.FromSeconds(20));
            return result;
        }

        /// <summary>Passes until the VM is Ready with nothing left to do (or 200 passes); the pass numbered <paramref name="dieAt"/> dies.</summary>
        public async Task RunUntilReadyAsync(VirtualMachine vm, int dieAt = -1, Func<Task>? after = null)
        {
            for (var pass = 0; pass < 200; pass++)
            {
                await PassAsync(vm, dies: pass == dieAt);
                if (after is not null)
                {
                    await after();
                }

                if (pass > dieAt && Conditions.IsTrue(vm.Status.Conditions, ConditionTypes.Ready)
                    && vm.Status.Replacement is null or { Step: ReplacementStep.Done } && vm.Status.Plan is null)
                {
                    return;
                }
            }

            Assert.Fail($"not Ready after 200 passes: {Conditions.Find(vm.Status.Conditions, ConditionTypes.Ready)?.Message}");
        }

        public async Task<List<CloudVm>> LiveVmsAsync() =>
            await cloud.Client.ListAllVmsAsync(cloud.Org, projectId, Ct).Where(v => v.Status.Value != VmStatus.Deleted).ToListAsync(Ct);
    }
}

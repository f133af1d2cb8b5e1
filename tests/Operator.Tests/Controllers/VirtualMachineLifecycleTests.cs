using k8s.Models;
using Microsoft.Extensions.Time.Testing;
using NeevCloud.Crds;
using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Controllers.VirtualMachines;
using NeevCloud.Operator.Runtime;
using NeevCloud.Operator.Runtime.Managed;
using NeevCloud.Operator.Tests.Cloud;
using Operator.Tests.Runtime.Managed;
using Prometheus;

namespace Operator.Tests.Controllers;

/// <summary>
/// The VirtualMachine kind through the shared lifecycle against the in-process simulator: VMs whose project
/// went, and power actions the cloud refuses. Each VM here is already known (its id in the annotation, its
/// project in status), so the cluster's caches can stay empty.
/// </summary>
public sealed class VirtualMachineLifecycleTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero));
    private readonly RecordingEvents _events = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Defect 3: a VM whose cloud project no longer exists could never be deleted (the LIST answered 404 on every pass).
    [Fact]
    public async Task A_vm_whose_project_is_gone_is_released_on_deletion()
    {
        await using var cloud = await SimulatedCloud.StartAsync();
        var reconciler = NewReconciler(cloud);
        var vm = KnownVm(cloud.Org, projectId: "00000000-0000-4000-8000-000000000000", vmId: "00000000-0000-4000-8000-000000000001");
        vm.Metadata.DeletionTimestamp = _time.GetUtcNow().UtcDateTime;

        var result = await reconciler.FinalizeAsync(vm, Ct);

        Assert.True(result.Completed, Conditions.Find(vm.Status.Conditions, ConditionTypes.Ready)?.Message);
        Assert.Equal(0, await cloud.CountCallsAsync("deleteVM"));
    }

    // Defect 5: a 400 on start/stop/restart was swallowed, and a refused restart was recorded as done.
    [Fact]
    public async Task A_refused_restart_is_reported_and_not_recorded_as_handled()
    {
        await using var cloud = await SimulatedCloud.StartAsync(simulatorTime: _time);
        var reconciler = NewReconciler(cloud);
        var vm = await RunningVmAsync(cloud);
        vm.Spec.RestartRequestedAt = "2026-12-02T10:00:00Z";
        vm.Metadata.Generation = 2;
        await cloud.SetFaultsAsync(new FaultRule("restartVM", 400));

        var result = await reconciler.ReconcileAsync(vm, Ct);

        var reconciling = Conditions.Find(vm.Status.Conditions, ConditionTypes.Reconciling)!;
        Assert.Equal(("True", "ActionRefused"), (reconciling.Status, reconciling.Reason));
        Assert.Contains("restartVM", reconciling.Message, StringComparison.Ordinal);
        Assert.True(result.Failed, "a refused action is retried with back-off");
        Assert.NotEqual(vm.Spec.RestartRequestedAt, vm.Status.LastHandledRestartRequestedAt);

        await cloud.ClearFaultsAsync();
        await reconciler.ReconcileAsync(vm, Ct);

        Assert.Equal(vm.Spec.RestartRequestedAt, vm.Status.LastHandledRestartRequestedAt);
        Assert.Equal(2, await cloud.CountCallsAsync("restartVM"));
    }

    [Fact]
    public async Task A_vm_stopped_outside_the_operator_is_started_again_with_an_event()
    {
        await using var cloud = await SimulatedCloud.StartAsync(simulatorTime: _time);
        var reconciler = NewReconciler(cloud);
        var vm = await RunningVmAsync(cloud);
        await cloud.Simulator.Admin.StopVmOutOfBandAsync(vm.Status.VmId!, Ct);
        _time.Advance(TimeSpan.FromMinutes(10));

        await reconciler.ReconcileAsync(vm, Ct);

        Assert.Equal(1, await cloud.CountCallsAsync("startVM"));
        Assert.Contains(_events.Recorded, e => e.Reason == "Starting");
        _time.Advance(TimeSpan.FromMinutes(10));
        await reconciler.ReconcileAsync(vm, Ct);
        Assert.Equal("True", Conditions.Find(vm.Status.Conditions, ConditionTypes.Ready)?.Status);
    }

    [Fact]
    public async Task An_adopted_vm_whose_given_creation_fields_differ_from_the_cloud_is_stalled_naming_each()
    {
        await using var cloud = await SimulatedCloud.StartAsync(simulatorTime: _time);
        var reconciler = NewReconciler(cloud);
        var vm = await RunningVmAsync(cloud);
        vm.Spec.VmId = vm.Status.VmId;
        vm.Spec.PlanId = "plan-other";
        vm.Spec.RegionId = "";

        await reconciler.ReconcileAsync(vm, Ct);

        var stalled = Conditions.Find(vm.Status.Conditions, ConditionTypes.Stalled)!;
        Assert.Equal(("True", "AdoptionMismatch"), (stalled.Status, stalled.Reason));
        Assert.Contains($"planId: desired 'plan-other', observed '{cloud.Catalog.Plans[0]}'", stalled.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("regionId", stalled.Message, StringComparison.Ordinal);
        Assert.Equal(cloud.Catalog.Plans[0], vm.Status.Observed?.PlanId);
    }

    [Fact]
    public async Task A_refused_start_is_reported_as_action_refused()
    {
        await using var cloud = await SimulatedCloud.StartAsync(simulatorTime: _time);
        var reconciler = NewReconciler(cloud);
        var vm = await RunningVmAsync(cloud);
        await cloud.Client.StopVmAsync(cloud.Org, vm.Status.ProjectId!, vm.Status.VmId!, Ct);
        _time.Advance(TimeSpan.FromMinutes(10));
        await cloud.SetFaultsAsync(new FaultRule("startVM", 400));

        await reconciler.ReconcileAsync(vm, Ct);

        Assert.Equal("ActionRefused", Conditions.Find(vm.Status.Conditions, ConditionTypes.Reconciling)?.Reason);
    }

    // ----- cost controls, on the fake clock -----

    [Fact]
    public async Task A_power_schedule_stops_and_starts_the_vm_at_the_window_edges_and_says_what_comes_next()
    {
        await using var cloud = await SimulatedCloud.StartAsync(simulatorTime: _time);
        var reconciler = NewReconciler(cloud);
        var vm = await RunningVmAsync(cloud);
        // Wednesday 2026-12-02, CET (UTC+1): the window is 10:30-11:00 UTC; the VM is running at 10:10 UTC.
        vm.Spec.PowerSchedule = new PowerSchedule
        {
            TimeZone = "Europe/Berlin",
            Windows = [new PowerWindow { Days = [Weekday.Wed], Start = "11:30", Stop = "12:00" }],
        };

        await reconciler.ReconcileAsync(vm, Ct);
        Assert.Equal(1, await cloud.CountCallsAsync("stopVM"));
        _time.Advance(TimeSpan.FromMinutes(5));
        var settled = await reconciler.ReconcileAsync(vm, Ct);
        Assert.Equal(("stopped", "True"), (vm.Status.Phase, Conditions.Find(vm.Status.Conditions, ConditionTypes.Ready)?.Status));
        Assert.Equal(("2026-12-02T10:30:00Z", "Running"), (vm.Status.NextPowerChange?.At, vm.Status.NextPowerChange?.To));
        Assert.Equal(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1), settled.RequeueAfter);

        _time.SetUtcNow(new DateTimeOffset(2026, 12, 2, 10, 29, 59, TimeSpan.Zero));
        await reconciler.ReconcileAsync(vm, Ct);
        Assert.Equal(0, await cloud.CountCallsAsync("startVM"));
        _time.Advance(TimeSpan.FromSeconds(1));
        await reconciler.ReconcileAsync(vm, Ct);
        Assert.Equal(1, await cloud.CountCallsAsync("startVM"));

        _time.Advance(TimeSpan.FromMinutes(5));
        await reconciler.ReconcileAsync(vm, Ct);
        Assert.Equal(("2026-12-02T11:00:00Z", "Stopped"), (vm.Status.NextPowerChange?.At, vm.Status.NextPowerChange?.To));
        _time.SetUtcNow(new DateTimeOffset(2026, 12, 2, 11, 0, 0, TimeSpan.Zero));
        await reconciler.ReconcileAsync(vm, Ct);
        Assert.Equal(2, await cloud.CountCallsAsync("stopVM"));
    }

    [Fact]
    public async Task An_expiry_warns_once_then_stops_the_vm()
    {
        await using var cloud = await SimulatedCloud.StartAsync(simulatorTime: _time);
        var reconciler = NewReconciler(cloud);
        var vm = await RunningVmAsync(cloud);
        vm.Spec.ExpiresAt = "2026-12-02T11:00:00Z";

        await reconciler.ReconcileAsync(vm, Ct);
        Assert.DoesNotContain(_events.Recorded, e => e.Reason == "Expiring");
        _time.SetUtcNow(new DateTimeOffset(2026, 12, 2, 10, 31, 0, TimeSpan.Zero));
        await reconciler.ReconcileAsync(vm, Ct);
        await reconciler.ReconcileAsync(vm, Ct);

        Assert.Single(_events.Recorded, e => e is { Type: "Warning", Reason: "Expiring" });
        Assert.Contains("expires at 2026-12-02T11:00:00Z, then it is stopped", Conditions.Find(vm.Status.Conditions, ConditionTypes.Ready)!.Message, StringComparison.Ordinal);
        Assert.Equal(0, await cloud.CountCallsAsync("stopVM"));

        _time.SetUtcNow(new DateTimeOffset(2026, 12, 2, 11, 0, 0, TimeSpan.Zero));
        await reconciler.ReconcileAsync(vm, Ct);
        Assert.Equal(1, await cloud.CountCallsAsync("stopVM"));
        Assert.Contains(_events.Recorded, e => e is { Type: "Warning", Reason: "Expired" });
    }

    [Fact]
    public async Task Gpu_seconds_of_90_minutes_with_2_gpus_read_10800_in_status_and_metric_also_across_a_restart()
    {
        await using var cloud = await SimulatedCloud.StartAsync(simulatorTime: _time);
        var vm = await RunningVmAsync(cloud, gpus: 2);
        var before = new VmUsage(Metrics.WithCustomRegistry(Metrics.NewCustomRegistry()));
        var reconciler = NewReconciler(cloud, before);
        for (var minute = 0; minute <= 45; minute += 5)
        {
            await reconciler.ReconcileAsync(vm, Ct);
            if (minute < 45)
            {
                _time.Advance(TimeSpan.FromMinutes(5));
            }
        }

        // A new operator process: no memory but the status, a fresh metrics registry; 10 minutes passed meanwhile.
        _time.Advance(TimeSpan.FromMinutes(10));
        var registry = Metrics.NewCustomRegistry();
        reconciler = NewReconciler(cloud, new VmUsage(Metrics.WithCustomRegistry(registry)));
        for (var minute = 55; minute <= 90; minute += 5)
        {
            await reconciler.ReconcileAsync(vm, Ct);
            if (minute < 90)
            {
                _time.Advance(TimeSpan.FromMinutes(5));
            }
        }

        // While it runs, the counters grow on every look and status holds the open stretch (no write per look).
        Assert.Equal(10_800, await CounterAsync(registry, "neevcloud_vm_gpu_seconds_total"));
        Assert.Equal(5_400, await CounterAsync(registry, "neevcloud_vm_running_seconds_total"));
        Assert.Equal(("2026-12-02T10:10:00Z", 0L), (vm.Status.Usage!.RunningSince, vm.Status.Usage.GpuSeconds));

        // Stopped at minute 90: the stretch is added up in status.
        vm.Spec.PowerState = PowerState.Stopped;
        vm.Metadata.Generation++;
        await reconciler.ReconcileAsync(vm, Ct);
        Assert.Equal((10_800L, 5_400L, (string?)null), (vm.Status.Usage.GpuSeconds, vm.Status.Usage.RunningSeconds, vm.Status.Usage.RunningSince));
        Assert.Equal(10_800, await CounterAsync(registry, "neevcloud_vm_gpu_seconds_total"));
    }

    [Fact]
    public async Task A_VM_that_left_the_cache_is_forgotten_and_its_seconds_stay_counted()
    {
        await using var cloud = await SimulatedCloud.StartAsync(simulatorTime: _time);
        var vm = await RunningVmAsync(cloud, gpus: 1);
        var registry = Metrics.NewCustomRegistry();
        var usage = new VmUsage(Metrics.WithCustomRegistry(registry));
        var reconciler = NewReconciler(cloud, usage);
        await reconciler.ReconcileAsync(vm, Ct);
        _time.Advance(TimeSpan.FromMinutes(10));
        await reconciler.ReconcileAsync(vm, Ct);
        Assert.Equal((1, 600.0), (usage.Remembered, await CounterAsync(registry, "neevcloud_vm_running_seconds_total")));

        usage.Forget(vm);

        Assert.Equal((0, 600.0), (usage.Remembered, await CounterAsync(registry, "neevcloud_vm_running_seconds_total")));
    }

    private static async Task<double> CounterAsync(CollectorRegistry registry, string name)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream, Ct);
        var line = System.Text.Encoding.UTF8.GetString(stream.ToArray()).Split('\n').Single(l => l.StartsWith(name + "{", StringComparison.Ordinal));
        Assert.Contains("namespace=\"ml\"", line, StringComparison.Ordinal);
        Assert.Contains("project=\"team\"", line, StringComparison.Ordinal);
        return double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<VirtualMachine> RunningVmAsync(SimulatedCloud cloud, int? gpus = null)
    {
        var project = await cloud.CreateProjectAsync($"p-{Guid.NewGuid():N}"[..20]);
        var created = await cloud.Client.CreateVmAsync(cloud.Org, project.Id, cloud.NewVmRequest("trainer-1") with { GpuConfigCount = gpus }, Ct);
        _time.Advance(TimeSpan.FromMinutes(10));
        return KnownVm(cloud.Org, project.Id, created.Id, cloud);
    }

    private static VirtualMachine KnownVm(string org, string projectId, string vmId, SimulatedCloud? cloud = null) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "trainer-1", NamespaceProperty = "ml", Uid = "uid-vm", Generation = 1, ResourceVersion = "1",
            Annotations = new Dictionary<string, string> { [ManagedAnnotations.ExternalId] = vmId },
        },
        Spec = new VirtualMachineSpec
        {
            ProjectRef = new LocalObjectReference { Name = "team" },
            RegionId = cloud?.Catalog.Regions[0] ?? "in-mum-1",
            VmConfigId = cloud?.Catalog.VmConfigs[0] ?? "cfg",
            PlanId = cloud?.Catalog.Plans[0] ?? "plan",
            DeleteRootDisk = true,
            RootDisk = new VirtualMachineRootDisk { Create = new NewRootDisk { Name = "trainer-1-root", SizeGb = 20, ImageId = cloud?.Catalog.Images[0] ?? "img" } },
        },
        Status = new VirtualMachineStatus { OrganizationId = org, ProjectId = projectId, VmId = vmId },
    };

    private ManagedReconciler<VirtualMachine> NewReconciler(SimulatedCloud cloud, VmUsage? usage = null) =>
        VmReconciler.For(cloud, _events, _time, usage);
}

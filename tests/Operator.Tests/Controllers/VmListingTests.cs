using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NeevCloud.Operator.Cloud;
using NeevCloud.Operator.Controllers.VirtualMachines;
using NeevCloud.Operator.Controllers;
using NeevCloud.Operator.Runtime.Managed;
using NeevCloud.Operator.Runtime.Polling;
using NeevCloud.Operator.Tests.Cloud;
using VmListing = NeevCloud.Operator.Runtime.Polling.PolledListing<
    NeevCloud.Operator.Controllers.ProjectScope, NeevCloud.Operator.Cloud.CloudVm, NeevCloud.Crds.VirtualMachines.VirtualMachine>;

namespace Operator.Tests.Controllers;

/// <summary>
/// The shared per-project VM LIST (the runtime's polled listing, as the VM controller uses it) against the in-process simulator. Two fake clocks: the simulator's moves VMs
/// through their lifecycle on demand, the cache's decides what is fresh; neither moves by itself.
/// </summary>
public sealed class VmListingTests
{
    private const string ListVms = "listVMs";
    private static readonly TimeSpan _minute = TimeSpan.FromMinutes(1);

    // Far beyond the simulator's 2 s steps and 5 min retention of deleted VMs.
    private static readonly TimeSpan _settle = TimeSpan.FromMinutes(10);

    private readonly FakeTimeProvider _cloudTime = new(DateTimeOffset.UtcNow);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly ConcurrentQueue<string> _enqueued = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Concurrent_readers_of_a_project_share_one_list()
    {
        await using var cloud = await SimulatedCloud.StartAsync(simulatorTime: _cloudTime);
        var (projectId, vms) = await CreateRunningVmsAsync(cloud, "web-1", "web-2", "web-3");
        var snapshots = NewListing(cloud);

        // A slow LIST, so that every reader arrives while it is still under way.
        await cloud.SetFaultsAsync(new FaultRule(ListVms, Status: null, LatencyMs: 300));
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(
            _ => Task.Run(() => snapshots.GetAsync(new ProjectScope(cloud.Org, projectId), _minute, Ct), Ct)));

        Assert.Equal(1, await ListCallsAsync(cloud));
        Assert.All(results, result => Assert.Equal(vms.Select(vm => vm.Id).Order(), result.Keys.Order()));
        Assert.All(results, result => Assert.Equal(VmStatus.Running, result[vms[0].Id].Status.Value));
    }

    [Fact]
    public async Task A_reader_within_max_age_makes_no_call_and_max_age_zero_always_lists()
    {
        await using var cloud = await SimulatedCloud.StartAsync(simulatorTime: _cloudTime);
        var (projectId, _) = await CreateRunningVmsAsync(cloud, "web-1");
        var snapshots = NewListing(cloud);

        var first = await snapshots.GetAsync(new ProjectScope(cloud.Org, projectId), _minute, Ct);
        _time.Advance(TimeSpan.FromSeconds(59));
        var second = await snapshots.GetAsync(new ProjectScope(cloud.Org, projectId), _minute, Ct);
        Assert.Equal(1, await ListCallsAsync(cloud));
        Assert.Same(first, second);

        _time.Advance(TimeSpan.FromSeconds(2));
        await snapshots.GetAsync(new ProjectScope(cloud.Org, projectId), _minute, Ct);
        Assert.Equal(2, await ListCallsAsync(cloud));

        await snapshots.GetAsync(new ProjectScope(cloud.Org, projectId), TimeSpan.Zero, Ct);
        await snapshots.GetAsync(new ProjectScope(cloud.Org, projectId), TimeSpan.Zero, Ct);
        Assert.Equal(4, await ListCallsAsync(cloud));
    }

    [Fact]
    public async Task Each_project_has_its_own_list()
    {
        await using var cloud = await SimulatedCloud.StartAsync(simulatorTime: _cloudTime);
        var (first, firstVms) = await CreateRunningVmsAsync(cloud, "web-1");
        var (second, secondVms) = await CreateRunningVmsAsync(cloud, "db-1", "db-2");
        var snapshots = NewListing(cloud);

        var a = await snapshots.GetAsync(new ProjectScope(cloud.Org, first), _minute, Ct);
        var b = await snapshots.GetAsync(new ProjectScope(cloud.Org, second), _minute, Ct);

        Assert.Equal(2, await ListCallsAsync(cloud));
        Assert.Equal(firstVms.Select(vm => vm.Id).Order(), a.Keys.Order());
        Assert.Equal(secondVms.Select(vm => vm.Id).Order(), b.Keys.Order());
    }

    [Fact]
    public async Task A_change_seen_by_a_list_queues_the_tracked_owner_once()
    {
        await using var cloud = await SimulatedCloud.StartAsync(simulatorTime: _cloudTime);
        var (projectId, vms) = await CreateRunningVmsAsync(cloud, "web-1", "web-2");
        var snapshots = NewSnapshots(cloud);
        snapshots.Route(vms[0].Id, "ml/web-1");
        await snapshots.GetAsync(new ProjectScope(cloud.Org, projectId), TimeSpan.Zero, Ct);
        Assert.Empty(_enqueued);

        await cloud.Client.StopVmAsync(cloud.Org, projectId, vms[0].Id, Ct);
        _cloudTime.Advance(_settle);
        Assert.Equal(VmStatus.Stopped, (await cloud.Client.GetVmAsync(cloud.Org, projectId, vms[0].Id, Ct)).Status.Value);
        var after = await snapshots.GetAsync(new ProjectScope(cloud.Org, projectId), TimeSpan.Zero, Ct);

        Assert.Equal(VmStatus.Stopped, after[vms[0].Id].Status.Value);
        Assert.Equal(["ml/web-1"], _enqueued);

        // A LIST that sees nothing new queues nothing.
        await snapshots.GetAsync(new ProjectScope(cloud.Org, projectId), TimeSpan.Zero, Ct);
        Assert.Equal(["ml/web-1"], _enqueued);
    }

    [Fact]
    public async Task A_vm_passing_through_a_state_queues_ordinary_work_and_its_outcome_or_its_end_urgent_work()
    {
        await using var cloud = await SimulatedCloud.StartAsync(simulatorTime: _cloudTime);
        var (projectId, vms) = await CreateRunningVmsAsync(cloud, "web-1", "web-2");
        var (ordinary, urgent) = (new List<string>(), new List<string>());
        var snapshots = new VmListing(
            (scope, ct) => cloud.Client.ListAllVmsAsync(scope.OrganizationId, scope.ProjectId, ct),
            vm => vm.Id,
            VirtualMachineExternalClient.SameObservation,
            _time,
            VirtualMachineExternalClient.Settled);
        snapshots.Attach(ordinary.Add, urgent.Add);
        snapshots.Route(vms[0].Id, "ml/web-1");
        snapshots.Route(vms[1].Id, "ml/web-2");
        var scope = new ProjectScope(cloud.Org, projectId);
        await snapshots.GetAsync(scope, TimeSpan.Zero, Ct);

        await cloud.Client.StopVmAsync(cloud.Org, projectId, vms[0].Id, Ct);
        Assert.Equal(VmStatus.Stopping, (await snapshots.GetAsync(scope, TimeSpan.Zero, Ct))[vms[0].Id].Status.Value);
        Assert.Equal(["ml/web-1"], ordinary);
        Assert.Empty(urgent);

        _cloudTime.Advance(_settle);
        Assert.Equal(VmStatus.Stopped, (await snapshots.GetAsync(scope, TimeSpan.Zero, Ct))[vms[0].Id].Status.Value);
        Assert.Equal(["ml/web-1"], ordinary);
        Assert.Equal(["ml/web-1"], urgent);

        await cloud.Simulator.Admin.DeleteVmOutOfBandAsync(vms[1].Id, purge: true, Ct);
        await snapshots.GetAsync(scope, TimeSpan.Zero, Ct);
        Assert.Equal(["ml/web-1"], ordinary);
        Assert.Equal(["ml/web-1", "ml/web-2"], urgent);
    }

    [Fact]
    public async Task A_change_of_an_untracked_vm_queues_nothing()
    {
        await using var cloud = await SimulatedCloud.StartAsync(simulatorTime: _cloudTime);
        var (projectId, vms) = await CreateRunningVmsAsync(cloud, "web-1", "web-2", "web-3");
        var snapshots = NewSnapshots(cloud);
        snapshots.Route(vms[0].Id, "ml/web-1");
        snapshots.Route(vms[2].Id, "ml/web-3");
        snapshots.Unroute(vms[2].Id);
        await snapshots.GetAsync(new ProjectScope(cloud.Org, projectId), TimeSpan.Zero, Ct);

        await cloud.Client.StopVmAsync(cloud.Org, projectId, vms[1].Id, Ct);
        await cloud.Client.StopVmAsync(cloud.Org, projectId, vms[2].Id, Ct);
        _cloudTime.Advance(_settle);
        var after = await snapshots.GetAsync(new ProjectScope(cloud.Org, projectId), TimeSpan.Zero, Ct);

        Assert.Equal(VmStatus.Stopped, after[vms[1].Id].Status.Value);
        Assert.Equal(VmStatus.Stopped, after[vms[2].Id].Status.Value);
        Assert.Empty(_enqueued);
    }

    [Fact]
    public async Task A_vm_purged_out_of_band_queues_its_owner()
    {
        await using var cloud = await SimulatedCloud.StartAsync(simulatorTime: _cloudTime);
        var (projectId, vms) = await CreateRunningVmsAsync(cloud, "web-1", "web-2");
        var snapshots = NewSnapshots(cloud);
        snapshots.Route(vms[0].Id, "ml/web-1");
        snapshots.Route(vms[1].Id, "ml/web-2");
        await snapshots.GetAsync(new ProjectScope(cloud.Org, projectId), TimeSpan.Zero, Ct);

        await cloud.Simulator.Admin.DeleteVmOutOfBandAsync(vms[0].Id, purge: true, Ct);
        var after = await snapshots.GetAsync(new ProjectScope(cloud.Org, projectId), TimeSpan.Zero, Ct);

        Assert.False(after.ContainsKey(vms[0].Id));
        Assert.Equal(["ml/web-1"], _enqueued);
    }

    [Fact]
    public async Task A_deleted_vm_past_its_retention_queues_its_owner()
    {
        await using var cloud = await SimulatedCloud.StartAsync(simulatorTime: _cloudTime);
        var (projectId, vms) = await CreateRunningVmsAsync(cloud, "web-1", "web-2");
        var snapshots = NewSnapshots(cloud);
        snapshots.Route(vms[0].Id, "ml/web-1");
        await snapshots.GetAsync(new ProjectScope(cloud.Org, projectId), TimeSpan.Zero, Ct);

        await cloud.Client.DeleteVmAsync(cloud.Org, projectId, vms[0].Id, Ct);
        _cloudTime.Advance(_settle);
        var after = await snapshots.GetAsync(new ProjectScope(cloud.Org, projectId), TimeSpan.Zero, Ct);

        Assert.Equal([vms[1].Id], after.Keys);
        Assert.Equal(["ml/web-1"], _enqueued);
    }

    [Fact]
    public async Task A_recorded_answer_is_served_within_max_age_without_a_call()
    {
        await using var cloud = await SimulatedCloud.StartAsync(simulatorTime: _cloudTime);
        var (projectId, vms) = await CreateRunningVmsAsync(cloud, "web-1");
        var snapshots = NewSnapshots(cloud);
        await snapshots.GetAsync(new ProjectScope(cloud.Org, projectId), _minute, Ct);

        var created = await cloud.Client.CreateVmAsync(cloud.Org, projectId, cloud.NewVmRequest("web-2"), Ct);
        snapshots.Record(new ProjectScope(cloud.Org, projectId), created);
        var stopping = await cloud.Client.StopVmAsync(cloud.Org, projectId, vms[0].Id, Ct);
        snapshots.Record(new ProjectScope(cloud.Org, projectId), stopping);
        var seen = await snapshots.GetAsync(new ProjectScope(cloud.Org, projectId), _minute, Ct);

        Assert.Equal(1, await ListCallsAsync(cloud));
        Assert.Equal(created, seen[created.Id]);
        Assert.Equal(stopping, seen[vms[0].Id]);
    }

    [Fact]
    public async Task A_recorded_answer_is_the_baseline_of_the_next_list()
    {
        await using var cloud = await SimulatedCloud.StartAsync(simulatorTime: _cloudTime);
        var (projectId, vms) = await CreateRunningVmsAsync(cloud, "web-1");
        var snapshots = NewSnapshots(cloud);
        snapshots.Route(vms[0].Id, "ml/web-1");
        await snapshots.GetAsync(new ProjectScope(cloud.Org, projectId), TimeSpan.Zero, Ct);

        // Our own stop, recorded: a LIST that shows the same thing is no news.
        snapshots.Record(new ProjectScope(cloud.Org, projectId), await cloud.Client.StopVmAsync(cloud.Org, projectId, vms[0].Id, Ct));
        await snapshots.GetAsync(new ProjectScope(cloud.Org, projectId), TimeSpan.Zero, Ct);
        Assert.Empty(_enqueued);

        // The stop finishing is.
        _cloudTime.Advance(_settle);
        await snapshots.GetAsync(new ProjectScope(cloud.Org, projectId), TimeSpan.Zero, Ct);
        Assert.Equal(["ml/web-1"], _enqueued);
    }

    [Fact]
    public async Task A_record_before_any_list_does_not_stand_in_for_one()
    {
        await using var cloud = await SimulatedCloud.StartAsync(simulatorTime: _cloudTime);
        var (projectId, vms) = await CreateRunningVmsAsync(cloud, "web-1", "web-2");
        var snapshots = NewSnapshots(cloud);

        snapshots.Record(new ProjectScope(cloud.Org, projectId), vms[0]);
        var seen = await snapshots.GetAsync(new ProjectScope(cloud.Org, projectId), _minute, Ct);

        Assert.Equal(1, await ListCallsAsync(cloud));
        Assert.Equal(2, seen.Count);
    }

    [Fact]
    public async Task A_failed_list_is_not_kept()
    {
        await using var cloud = await SimulatedCloud.StartAsync(simulatorTime: _cloudTime);
        var (projectId, vms) = await CreateRunningVmsAsync(cloud, "web-1");
        var snapshots = NewSnapshots(cloud);
        await cloud.SetFaultsAsync(new FaultRule(ListVms, 403, MaxCount: 1));

        await Assert.ThrowsAsync<NeevCloudApiException>(() => snapshots.GetAsync(new ProjectScope(cloud.Org, projectId), _minute, Ct));
        var seen = await snapshots.GetAsync(new ProjectScope(cloud.Org, projectId), _minute, Ct);

        Assert.Equal([vms[0].Id], seen.Keys);
        Assert.Equal(2, await ListCallsAsync(cloud));
    }

    [Fact]
    public async Task A_reader_that_gives_up_does_not_cancel_the_shared_list()
    {
        await using var cloud = await SimulatedCloud.StartAsync(simulatorTime: _cloudTime);
        var (projectId, vms) = await CreateRunningVmsAsync(cloud, "web-1");
        var snapshots = NewSnapshots(cloud);
        await cloud.SetFaultsAsync(new FaultRule(ListVms, Status: null, LatencyMs: 500));

        using var impatient = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var giveUp = snapshots.GetAsync(new ProjectScope(cloud.Org, projectId), _minute, impatient.Token);
        var wait = snapshots.GetAsync(new ProjectScope(cloud.Org, projectId), _minute, Ct);
        await impatient.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => giveUp);
        Assert.Equal([vms[0].Id], (await wait).Keys);
        Assert.Equal(1, await ListCallsAsync(cloud));
    }

    [Fact]
    public async Task The_poller_lists_a_project_kept_fresh_queues_the_vm_that_changed_and_stops_when_the_request_expires()
    {
        await using var cloud = await SimulatedCloud.StartAsync(simulatorTime: _cloudTime);
        var (projectId, vms) = await CreateRunningVmsAsync(cloud, "web-1", "web-2");
        var snapshots = NewSnapshots(cloud);
        await snapshots.GetAsync(new ProjectScope(cloud.Org, projectId), _minute, Ct);
        snapshots.Route(vms[0].Id, "ns/web-1");
        var interval = TimeSpan.FromSeconds(1);
        using var poller = new ListingPoller(
            [snapshots], Options.Create(new RefreshOptions { Transitioning = interval }), _time, NullLogger<ListingPoller>.Instance);
        await poller.StartAsync(Ct);

        snapshots.KeepFresh(new ProjectScope(cloud.Org, projectId), _time.GetUtcNow() + (interval * 30));
        await cloud.Client.StopVmAsync(cloud.Org, projectId, vms[0].Id, Ct);
        _cloudTime.Advance(_settle);
        // The poller's first delay may not be registered yet: tick until it has listed.
        await WaitUntilAsync(() => _enqueued.Contains("ns/web-1"), () => _time.Advance(interval));

        _time.Advance(interval * 30);
        await Task.Delay(200, Ct);
        var listsWhenExpired = await ListCallsAsync(cloud);
        for (var i = 0; i < 3; i++)
        {
            _time.Advance(interval);
            await Task.Delay(100, Ct);
        }

        await poller.StopAsync(Ct);
        Assert.Equal(["ns/web-1"], _enqueued);
        Assert.Equal(listsWhenExpired, await ListCallsAsync(cloud));
    }

    private static async Task WaitUntilAsync(Func<bool> condition, Action tick)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            tick();
            await Task.Delay(50, Ct);
        }

        Assert.True(condition(), "the poller did not act in time");
    }

    private VmListing NewSnapshots(SimulatedCloud cloud)
    {
        var snapshots = NewListing(cloud);
        snapshots.Attach(_enqueued.Enqueue, _enqueued.Enqueue);
        return snapshots;
    }

    private VmListing NewListing(SimulatedCloud cloud) => new(
        (scope, ct) => cloud.Client.ListAllVmsAsync(scope.OrganizationId, scope.ProjectId, ct),
        vm => vm.Id,
        VirtualMachineExternalClient.SameObservation,
        _time);

    /// <summary>A project with running VMs of these names; the calls this makes are not LISTs.</summary>
    private async Task<(string ProjectId, IReadOnlyList<CloudVm> Vms)> CreateRunningVmsAsync(SimulatedCloud cloud, params string[] names)
    {
        var project = await cloud.CreateProjectAsync($"p-{Guid.NewGuid():N}"[..20]);
        var ids = new List<string>();
        foreach (var name in names)
        {
            ids.Add((await cloud.Client.CreateVmAsync(cloud.Org, project.Id, cloud.NewVmRequest(name), Ct)).Id);
        }

        _cloudTime.Advance(_settle);
        var vms = new List<CloudVm>();
        foreach (var id in ids)
        {
            var vm = await cloud.Client.GetVmAsync(cloud.Org, project.Id, id, Ct);
            Assert.Equal(VmStatus.Running, vm.Status.Value);
            vms.Add(vm);
        }

        Assert.Equal(0, await ListCallsAsync(cloud));
        return (project.Id, vms);
    }

    private static async Task<int> ListCallsAsync(SimulatedCloud cloud) =>
        (await cloud.Simulator.Admin.GetCallsAsync(Ct)).CountOf(ListVms);
}

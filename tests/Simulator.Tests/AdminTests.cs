using System.Net;
using Microsoft.AspNetCore.Http;
using NeevCloud.Simulator.Admin;
using NeevCloud.Simulator.Tests.Infrastructure;

namespace NeevCloud.Simulator.Tests;

/// <summary>The /_sim admin API and its typed client.</summary>
public sealed class AdminTests
{
    [Fact]
    public async Task The_catalog_lists_the_default_ids()
    {
        await using var sim = await TestSimulator.StartAsync();

        var catalog = await sim.Admin.GetCatalogAsync(Test.Ct);

        Assert.Equal(SimulatorDefaults.Organizations, catalog.Organizations);
        Assert.Equal(SimulatorDefaults.Regions, catalog.Regions);
        Assert.Equal(SimulatorDefaults.VmConfigs, catalog.VmConfigs);
        Assert.Equal(SimulatorDefaults.Plans, catalog.Plans);
        Assert.Equal(SimulatorDefaults.Images, catalog.Images);
    }

    [Fact]
    public async Task A_configured_catalog_replaces_the_defaults()
    {
        await using var sim = await TestSimulator.StartAsync(o => o.Catalog.Regions = ["in-bom-1"]);

        var catalog = await sim.Admin.GetCatalogAsync(Test.Ct);

        Assert.Equal(["in-bom-1"], catalog.Regions);
        Assert.Equal(SimulatorDefaults.Images, catalog.Images);
    }

    [Fact]
    public async Task Calls_are_counted_per_operation_and_status_the_client_saw()
    {
        await using var sim = await TestSimulator.StartAsync();
        var project = await sim.Api.CreateProjectAsync("p");
        await sim.Api.GetAsync(ApiClient.Project(project));
        await sim.Api.GetAsync(ApiClient.Project(project));
        await sim.Api.GetAsync(ApiClient.Project("missing"));
        await sim.Anonymous.GetAsync(ApiClient.Project(project));
        await sim.Api.GetAsync("tenant/api/v1/nowhere");

        var calls = await sim.Admin.GetCallsAsync(Test.Ct);

        Assert.Equal(
            [new("createProject", 201, 1), new("getProject", 200, 2), new("getProject", 401, 1), new("getProject", 404, 1)],
            calls.Calls);
    }

    [Fact]
    public async Task Reset_clears_everything_but_the_catalog_and_token()
    {
        await using var sim = await TestSimulator.StartAsync();
        var project = await sim.Api.CreateProjectAsync("p");
        await sim.Api.CreateVmAsync(project, "web-1");

        await sim.Admin.ResetAsync(Test.Ct);

        var state = await sim.Admin.GetStateAsync(Test.Ct);
        Assert.Empty(state.Projects);
        Assert.Empty(state.Vms);
        Assert.Empty(state.Volumes);
        Assert.Empty((await sim.Admin.GetCallsAsync(Test.Ct)).Calls);
        Assert.Equal(201, (await sim.Api.PostAsync(ApiClient.Projects(), new { name = "p" })).Code);
    }

    [Fact]
    public async Task The_state_dump_shows_projects_vms_volumes_and_the_next_step()
    {
        await using var sim = await TestSimulator.StartAsync();
        var project = await sim.Api.CreateProjectAsync("p", "demo");
        var vm = await sim.Api.CreateVmAsync(project, "web-1", change: b => b["ssh_keys"] = new System.Text.Json.Nodes.JsonArray(VmBodies.Ed25519Key));

        var state = await sim.Admin.GetStateAsync(Test.Ct);

        Assert.Equal(TestSimulator.Start, state.Now);
        Assert.Equal(("p", "demo", ApiClient.Org), (state.Projects[0].Name, state.Projects[0].Description, state.Projects[0].OrgId));
        var vmState = Assert.Single(state.Vms);
        Assert.Equal((vm.Id, "pending", "provisioning", TestSimulator.Start + TestSimulator.Step), (vmState.Id, vmState.Status, vmState.NextStatus, vmState.NextStatusAt));
        Assert.Equal([VmBodies.Ed25519Key], vmState.SshKeys);
        var volume = Assert.Single(state.Volumes);
        Assert.Equal(("root", vm.Id, true), (volume.Kind, volume.AttachedVmId, volume.DeleteWithVm));
    }

    [Fact]
    public async Task Fail_turns_the_vm_failed_with_the_message()
    {
        await using var sim = await TestSimulator.StartAsync();
        var (project, vm) = await VmLifecycleTests.RunningVmAsync(sim);

        await sim.Admin.FailVmAsync(vm, "GPU fell off the bus", Test.Ct);
        sim.Advance(5);

        var failed = await sim.Api.GetAsync(ApiClient.Vm(project, vm));
        Assert.Equal(("failed", "GPU fell off the bus"), (failed.State, failed.Field("message")));
        Assert.Equal(202, (await sim.Api.DeleteAsync(ApiClient.Vm(project, vm))).Code);
    }

    [Fact]
    public async Task An_out_of_band_stop_goes_through_stopping()
    {
        await using var sim = await TestSimulator.StartAsync();
        var (project, vm) = await VmLifecycleTests.RunningVmAsync(sim);

        var answer = await sim.Admin.StopVmOutOfBandAsync(vm, Test.Ct);
        sim.Advance();

        Assert.Equal("stopping", answer.Status);
        Assert.Equal("stopped", (await sim.Api.GetAsync(ApiClient.Vm(project, vm))).State);
        var again = await sim.Admin.StopVmOutOfBandAsync(vm, Test.Ct);
        Assert.Equal("stopped", again.Status);
        await sim.Admin.DeleteVmOutOfBandAsync(vm, cancellationToken: Test.Ct);
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => sim.Admin.StopVmOutOfBandAsync(vm, Test.Ct));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
    }

    [Fact]
    public async Task A_forced_status_stays_until_something_changes_it()
    {
        await using var sim = await TestSimulator.StartAsync();
        var project = await sim.Api.CreateProjectAsync("p");
        var vm = await sim.Api.CreateVmAsync(project, "web-1");

        await sim.Admin.SetVmStatusAsync(vm.Id, "hibernating", "zzz", Test.Ct);
        sim.Advance(10);
        var state = Assert.Single((await sim.Admin.GetStateAsync(Test.Ct)).Vms);
        Assert.Equal(("hibernating", "zzz", null), (state.Status, state.Message, state.NextStatus));

        Assert.Equal(202, (await sim.Api.DeleteAsync(ApiClient.Vm(project, vm.Id))).Code);
        sim.Advance();
        Assert.Equal("deleted", (await sim.Api.GetAsync(ApiClient.Vm(project, vm.Id))).State);
    }

    [Fact]
    public async Task An_out_of_band_delete_goes_through_deleting_and_purge_is_immediate()
    {
        await using var sim = await TestSimulator.StartAsync();
        var (project, vm) = await VmLifecycleTests.RunningVmAsync(sim, deleteRootDisk: false);
        var second = (await sim.Api.CreateVmAsync(project, "web-2")).Id;

        await sim.Admin.DeleteVmOutOfBandAsync(vm, cancellationToken: Test.Ct);
        await sim.Admin.DeleteVmOutOfBandAsync(second, purge: true, Test.Ct);

        Assert.Equal("deleting", (await sim.Api.GetAsync(ApiClient.Vm(project, vm))).State);
        Assert.Equal(404, (await sim.Api.GetAsync(ApiClient.Vm(project, second))).Code);
        sim.Advance();
        Assert.Equal("deleted", (await sim.Api.GetAsync(ApiClient.Vm(project, vm))).State);
        var kept = Assert.Single((await sim.Api.GetAsync(ApiClient.RootDisks(project))).Json["data"]!.AsArray());
        Assert.False(kept!["is_attached"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Admin_calls_about_unknown_things_are_404()
    {
        await using var sim = await TestSimulator.StartAsync();

        var vm = await Assert.ThrowsAsync<HttpRequestException>(() => sim.Admin.FailVmAsync(Operations.AnyUuid, "x", Test.Ct));
        var malformed = await Assert.ThrowsAsync<HttpRequestException>(() => sim.Admin.SetVmStatusAsync("vm-1", "running", cancellationToken: Test.Ct));
        var project = await Assert.ThrowsAsync<HttpRequestException>(() => sim.Admin.SetProjectCountsAsync("nope", 1, 1, cancellationToken: Test.Ct));

        Assert.All(new[] { vm, malformed, project }, e => Assert.Equal(HttpStatusCode.NotFound, e.StatusCode));
    }

    [Fact]
    public async Task Extra_storage_volumes_add_to_the_disks_counted_by_a_delete_conflict()
    {
        await using var sim = await TestSimulator.StartAsync();
        var project = await sim.Api.CreateProjectAsync("p");

        var counts = await sim.Admin.SetProjectCountsAsync(project, 0, 0, storageVolumes: 3, Test.Ct);
        var refused = await sim.Api.DeleteAsync(ApiClient.Project(project));

        Assert.Equal(3, counts.ExtraStorageVolumes);
        Assert.Equal(3, refused.Json["details"]!["storage_volumes"]!.GetValue<int>());
        await Assert.ThrowsAsync<HttpRequestException>(() => sim.Admin.SetProjectCountsAsync(project, -1, 0, cancellationToken: Test.Ct));
    }

    [Theory]
    [InlineData("127.0.0.1", 200)]
    [InlineData("::1", 200)]
    [InlineData("10.1.2.3", 403)]
    [InlineData("192.168.0.7", 403)]
    [InlineData(null, 403)]
    public async Task The_admin_api_answers_loopback_callers_only(string? remote, int expected)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = remote is null ? null : IPAddress.Parse(remote);
        var invocation = new DefaultEndpointFilterInvocationContext(context);

        var result = await new LoopbackOnlyFilter().InvokeAsync(invocation, _ => ValueTask.FromResult<object?>(Results.Ok()));

        Assert.Equal(expected, ((IStatusCodeHttpResult)result!).StatusCode);
    }

    [Fact]
    public async Task The_admin_client_works_over_a_caller_supplied_http_client()
    {
        await using var sim = await TestSimulator.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(sim.Host.BaseAddress.AbsoluteUri.TrimEnd('/')) };
        using var admin = new SimulatorAdminClient(http);
        await sim.Api.CreateProjectAsync("p");

        var state = await admin.GetStateAsync(Test.Ct);

        Assert.Single(state.Projects);
    }
}

using System.Globalization;
using System.Net;
using NeevCloud.Simulator.Tests.Infrastructure;

namespace NeevCloud.Simulator.Tests;

/// <summary>VM statuses driven by a fake clock: each transitional status lasts one step.</summary>
public sealed class VmLifecycleTests
{
    [Fact]
    public async Task A_new_vm_goes_pending_provisioning_starting_running_one_step_each()
    {
        await using var sim = await TestSimulator.StartAsync();
        var project = await sim.Api.CreateProjectAsync("p");
        var vm = await sim.Api.CreateVmAsync(project, "web-1");
        var path = ApiClient.Vm(project, vm.Id);

        Assert.Equal("pending", vm.State);
        Assert.Null(vm.Body!["public_ip"]);
        var seen = new List<string?> { vm.State };
        for (var i = 0; i < 4; i++)
        {
            sim.Time.Advance(TestSimulator.Step - TimeSpan.FromMilliseconds(1));
            Assert.Equal(seen[^1], (await sim.Api.GetAsync(path)).State);
            sim.Time.Advance(TimeSpan.FromMilliseconds(1));
            seen.Add((await sim.Api.GetAsync(path)).State);
        }

        Assert.Equal(["pending", "provisioning", "starting", "running", "running"], seen);
    }

    [Fact]
    public async Task A_running_vm_has_a_public_ip_from_the_benchmark_range_and_timestamps_of_its_last_change()
    {
        await using var sim = await TestSimulator.StartAsync();
        var project = await sim.Api.CreateProjectAsync("p");
        var vm = await sim.Api.CreateVmAsync(project, "web-1", change: b => b["exposed_ports"] = new System.Text.Json.Nodes.JsonArray(
            new System.Text.Json.Nodes.JsonObject { ["port"] = 8080, ["protocol"] = "tcp" }));
        sim.Advance(10);

        var running = await sim.Api.GetAsync(ApiClient.Vm(project, vm.Id));

        var ip = IPAddress.Parse(running.Field("public_ip")!);
        Assert.Equal(198, ip.GetAddressBytes()[0]);
        Assert.InRange(ip.GetAddressBytes()[1], 18, 19);
        Assert.Equal(TestSimulator.Start, Timestamp(running, "created_at"));
        Assert.Equal(TestSimulator.Start + (3 * TestSimulator.Step), Timestamp(running, "updated_at"));
        Assert.Null(running.Body!["message"]);
        Assert.Equal("""[{"port":8080,"protocol":"tcp"}]""", running.Json["exposed_ports"]!.ToJsonString());
        Assert.Equal(SimulatorDefaults.Images[0], running.Field("image_id"));
        Assert.Equal(1, running.Json["gpu_config_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Stop_start_and_restart_each_pass_through_their_transitional_status()
    {
        await using var sim = await TestSimulator.StartAsync();
        var (project, vm) = await RunningVmAsync(sim);
        var path = ApiClient.Vm(project, vm);
        var ip = (await sim.Api.GetAsync(path)).Field("public_ip");

        Assert.Equal((202, "stopping"), Answer(await sim.Api.PostAsync(path + "/stop")));
        sim.Advance();
        var stopped = await sim.Api.GetAsync(path);
        Assert.Equal("stopped", stopped.State);
        Assert.Equal(ip, stopped.Field("public_ip"));

        Assert.Equal((202, "starting"), Answer(await sim.Api.PostAsync(path + "/start")));
        sim.Advance();
        Assert.Equal("running", (await sim.Api.GetAsync(path)).State);

        Assert.Equal((202, "restarting"), Answer(await sim.Api.PostAsync(path + "/restart")));
        sim.Advance();
        var restarted = await sim.Api.GetAsync(path);
        Assert.Equal("running", restarted.State);
        Assert.Equal(ip, restarted.Field("public_ip"));
    }

    public static TheoryData<string, string, int, string> PowerRules => new()
    {
        // action, status before, answer, status after the answer
        { "start", "running", 202, "running" },
        { "start", "starting", 202, "starting" },
        { "start", "stopping", 400, "stopping" },
        { "start", "pending", 400, "pending" },
        { "start", "failed", 400, "failed" },
        { "start", "deleting", 400, "deleting" },
        { "start", "hibernating", 400, "hibernating" },
        { "stop", "stopped", 202, "stopped" },
        { "stop", "stopping", 202, "stopping" },
        { "stop", "starting", 400, "starting" },
        { "stop", "provisioning", 400, "provisioning" },
        { "stop", "restarting", 400, "restarting" },
        { "stop", "deleted", 400, "deleted" },
        { "restart", "stopped", 202, "stopped" },
        { "restart", "restarting", 202, "restarting" },
        { "restart", "starting", 400, "starting" },
        { "restart", "failed", 400, "failed" },
    };

    [Theory]
    [MemberData(nameof(PowerRules))]
    public async Task Power_actions_have_no_effect_or_are_400_outside_their_starting_status(string action, string before, int expected, string after)
    {
        await using var sim = await TestSimulator.StartAsync();
        var (project, vm) = await RunningVmAsync(sim);
        await sim.Admin.SetVmStatusAsync(vm, before, cancellationToken: Test.Ct);

        var response = await sim.Api.PostAsync(ApiClient.Vm(project, vm) + "/" + action);

        Assert.Equal(expected, response.Code);
        if (expected == 400)
        {
            Assert.Equal("invalid_state", response.ErrorCode);
        }

        // Read through the admin API: a forced status outside VMStatus would (rightly) fail the contract check.
        Assert.Equal(after, (await sim.Admin.GetStateAsync(Test.Ct)).Vms.Single().Status);
    }

    [Fact]
    public async Task Delete_goes_deleting_then_deleted_is_listed_for_the_retention_window_then_404()
    {
        await using var sim = await TestSimulator.StartAsync();
        var (project, vm) = await RunningVmAsync(sim);
        var path = ApiClient.Vm(project, vm);

        var accepted = await sim.Api.DeleteAsync(path);
        Assert.Equal(202, accepted.Code);
        Assert.Equal(string.Empty, accepted.RawBody);
        Assert.Equal("deleting", (await sim.Api.GetAsync(path)).State);
        Assert.Equal(202, (await sim.Api.DeleteAsync(path)).Code);

        sim.Advance();
        var deleted = await sim.Api.GetAsync(path);
        Assert.Equal("deleted", deleted.State);
        Assert.Null(deleted.Body!["public_ip"]);
        Assert.Equal("deleted", (await sim.Api.GetAsync(ApiClient.Vms(project))).Json["data"]![0]!["status"]!.GetValue<string>());
        Assert.Equal(202, (await sim.Api.DeleteAsync(path)).Code);

        sim.Time.Advance(TestSimulator.Retention);
        Assert.Equal(404, (await sim.Api.GetAsync(path)).Code);
        Assert.Equal(404, (await sim.Api.DeleteAsync(path)).Code);
        Assert.Empty((await sim.Api.GetAsync(ApiClient.Vms(project))).Json["data"]!.AsArray());
    }

    [Fact]
    public async Task With_no_retention_a_deleted_vm_is_404_as_soon_as_deletion_completes()
    {
        await using var sim = await TestSimulator.StartAsync(o => o.DeletedVmRetention = TimeSpan.Zero);
        var (project, vm) = await RunningVmAsync(sim);

        await sim.Api.DeleteAsync(ApiClient.Vm(project, vm));
        sim.Advance();

        Assert.Equal(404, (await sim.Api.GetAsync(ApiClient.Vm(project, vm))).Code);
    }

    [Fact]
    public async Task A_vm_can_be_deleted_while_it_is_still_being_created()
    {
        await using var sim = await TestSimulator.StartAsync();
        var project = await sim.Api.CreateProjectAsync("p");
        var vm = await sim.Api.CreateVmAsync(project, "web-1");

        Assert.Equal(202, (await sim.Api.DeleteAsync(ApiClient.Vm(project, vm.Id))).Code);
        sim.Advance(5);

        Assert.Equal("deleted", (await sim.Api.GetAsync(ApiClient.Vm(project, vm.Id))).State);
    }

    [Fact]
    public async Task Vm_names_need_not_be_unique_and_the_list_keeps_creation_order()
    {
        await using var sim = await TestSimulator.StartAsync();
        var project = await sim.Api.CreateProjectAsync("p");
        var first = await sim.Api.CreateVmAsync(project, "web");
        var second = await sim.Api.CreateVmAsync(project, "web");

        var listed = (await sim.Api.GetAsync(ApiClient.Vms(project))).Json["data"]!.AsArray().Select(v => v!["id"]!.GetValue<string>());

        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal([first.Id, second.Id], listed);
    }

    [Fact]
    public async Task Public_ips_are_distinct()
    {
        await using var sim = await TestSimulator.StartAsync();
        var project = await sim.Api.CreateProjectAsync("p");
        for (var i = 0; i < 5; i++)
        {
            await sim.Api.CreateVmAsync(project, $"web-{i}");
        }

        sim.Advance(3);
        var ips = (await sim.Api.GetAsync(ApiClient.Vms(project))).Json["data"]!.AsArray().Select(v => v!["public_ip"]!.GetValue<string>()).ToList();

        Assert.Equal(5, ips.Distinct().Count());
    }

    [Fact]
    public async Task The_system_clock_moves_states_by_itself()
    {
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { StepDuration = TimeSpan.FromMilliseconds(50) }, cancellationToken: Test.Ct);
        using var api = new ApiClient(host, host.Token);
        var project = await api.CreateProjectAsync("p");
        var vm = await api.CreateVmAsync(project, "web-1");

        var deadline = DateTime.UtcNow.AddSeconds(10);
        string? state;
        do
        {
            await Task.Delay(50, Test.Ct);
            state = (await api.GetAsync(ApiClient.Vm(project, vm.Id))).State;
        }
        while (state != "running" && DateTime.UtcNow < deadline);

        Assert.Equal("running", state);
    }

    internal static async Task<(string Project, string Vm)> RunningVmAsync(TestSimulator sim, bool deleteRootDisk = true)
    {
        var project = await sim.Api.CreateProjectAsync("p");
        var vm = await sim.Api.CreateVmAsync(project, "web-1", deleteRootDisk);
        sim.Advance(3);
        Assert.Equal("running", (await sim.Api.GetAsync(ApiClient.Vm(project, vm.Id))).State);
        return (project, vm.Id);
    }

    private static (int, string?) Answer(ApiResponse response) => (response.Code, response.State);

    private static DateTimeOffset Timestamp(ApiResponse response, string field) =>
        DateTimeOffset.Parse(response.Field(field)!, CultureInfo.InvariantCulture);
}

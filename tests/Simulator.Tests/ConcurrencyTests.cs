using NeevCloud.Simulator.Tests.Infrastructure;

namespace NeevCloud.Simulator.Tests;

/// <summary>Fifty callers at once: one lock keeps the store consistent.</summary>
public sealed class ConcurrencyTests
{
    private const int Creators = 50;

    [Fact]
    public async Task Fifty_parallel_vm_creators_each_get_their_own_vm_disk_and_ip()
    {
        await using var sim = await TestSimulator.StartAsync();
        var project = await sim.Api.CreateProjectAsync("fleet");

        var created = await Task.WhenAll(Enumerable.Range(0, Creators).Select(i =>
            sim.Api.PostAsync(ApiClient.Vms(project), VmBodies.Valid($"node-{i}").ToJsonString())));
        sim.Advance(3);
        var page = await sim.Api.GetAsync(ApiClient.Vms(project) + "?limit=100");

        Assert.All(created, c => Assert.Equal(201, c.Code));
        var vms = page.Json["data"]!.AsArray();
        Assert.Equal(Creators, page.Json["pagination"]!["total_items"]!.GetValue<int>());
        Assert.Equal(Creators, vms.Select(v => v!["id"]!.GetValue<string>()).Distinct().Count());
        Assert.Equal(Creators, vms.Select(v => v!["root_disk"]!["id"]!.GetValue<string>()).Distinct().Count());
        Assert.Equal(Creators, vms.Select(v => v!["public_ip"]!.GetValue<string>()).Distinct().Count());
        Assert.All(vms, v => Assert.Equal("running", v!["status"]!.GetValue<string>()));
        Assert.Equal(Creators, (await sim.Admin.GetCallsAsync(Test.Ct)).CountOf("createVM", 201));
    }

    [Fact]
    public async Task Fifty_parallel_creators_of_one_project_name_make_exactly_one_project()
    {
        await using var sim = await TestSimulator.StartAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, Creators).Select(_ => sim.Api.PostAsync(ApiClient.Projects(), new { name = "contested" })));

        Assert.Equal(1, answers.Count(a => a.Code == 201));
        Assert.Equal(Creators - 1, answers.Count(a => a.Code == 409));
        Assert.Single((await sim.Admin.GetStateAsync(Test.Ct)).Projects);
    }

    [Fact]
    public async Task Fifty_parallel_project_creators_and_readers_see_a_consistent_list()
    {
        await using var sim = await TestSimulator.StartAsync();

        var creators = Enumerable.Range(0, Creators).Select(i => sim.Api.PostAsync(ApiClient.Projects(), new { name = $"team-{i}" }));
        var readers = Enumerable.Range(0, Creators).Select(_ => sim.Api.GetAsync(ApiClient.Projects() + "?limit=100"));
        var answers = await Task.WhenAll(creators.Concat(readers));

        Assert.All(answers, a => Assert.True(a.Code is 200 or 201, a.ToString()));
        Assert.All(answers.Where(a => a.Code == 200), a => Assert.Equal(
            a.Json["pagination"]!["total_items"]!.GetValue<int>(), a.Json["data"]!.AsArray().Count));
        Assert.Equal(Creators, (await sim.Api.GetAsync(ApiClient.Projects() + "?limit=100")).Json["data"]!.AsArray().Count);
    }

    [Fact]
    public async Task Parallel_power_actions_and_reads_while_the_clock_moves_leave_every_vm_in_a_known_status()
    {
        await using var sim = await TestSimulator.StartAsync();
        var project = await sim.Api.CreateProjectAsync("p");
        var ids = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            ids.Add((await sim.Api.CreateVmAsync(project, $"vm-{i}")).Id);
        }

        sim.Advance(3);
        var actions = ids.SelectMany(id => new[] { "stop", "start", "restart" }.Select(a => sim.Api.PostAsync(ApiClient.Vm(project, id) + "/" + a)));
        var clock = Task.Run(() =>
        {
            for (var i = 0; i < 20; i++)
            {
                sim.Time.Advance(TestSimulator.Step / 4);
            }
        }, Test.Ct);
        var answers = await Task.WhenAll(actions);
        await clock;
        sim.Advance(3);

        Assert.All(answers, a => Assert.True(a.Code is 202 or 400, a.ToString()));
        var statuses = (await sim.Api.GetAsync(ApiClient.Vms(project))).Json["data"]!.AsArray().Select(v => v!["status"]!.GetValue<string>());
        Assert.All(statuses, s => Assert.Contains(s, new[] { "running", "stopped" }));
    }
}

using System.Diagnostics;
using NeevCloud.Simulator.Tests.Infrastructure;

namespace NeevCloud.Simulator.Tests;

/// <summary>Fault injection: statuses, Retry-After, latency, lost responses, limits, dice and counting.</summary>
public sealed class FaultTests
{
    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(403)]
    public async Task A_status_rule_answers_instead_of_the_operation_until_its_max_count(int status)
    {
        await using var sim = await TestSimulator.StartAsync();
        var project = await sim.Api.CreateProjectAsync("p");
        await sim.Admin.SetFaultsAsync([new SimulatorFaultRule { Operation = "getProject", Status = status, MaxCount = 2 }], cancellationToken: Test.Ct);

        var answers = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add((await sim.Api.GetAsync(ApiClient.Project(project))).Code);
        }

        Assert.Equal([status, status, 200], answers);
        var calls = await sim.Admin.GetCallsAsync(Test.Ct);
        Assert.Equal((2, 1), (calls.CountOf("getProject", status), calls.CountOf("getProject", 200)));
    }

    [Fact]
    public async Task A_429_says_retry_after_one_second_unless_the_rule_says_otherwise()
    {
        await using var sim = await TestSimulator.StartAsync();
        await sim.Admin.SetFaultsAsync(
            [
                new SimulatorFaultRule { Operation = "listProjects", Status = 429, MaxCount = 1 },
                new SimulatorFaultRule { Operation = "listProjects", Status = 429, RetryAfterSeconds = 30, MaxCount = 1 },
                new SimulatorFaultRule { Operation = "listProjects", Status = 503, RetryAfterSeconds = 5, MaxCount = 1 },
            ],
            cancellationToken: Test.Ct);

        var first = await sim.Api.GetAsync(ApiClient.Projects());
        var second = await sim.Api.GetAsync(ApiClient.Projects());
        var third = await sim.Api.GetAsync(ApiClient.Projects());

        Assert.Equal((429, TimeSpan.FromSeconds(1)), (first.Code, first.Headers.RetryAfter?.Delta));
        Assert.Equal((429, TimeSpan.FromSeconds(30)), (second.Code, second.Headers.RetryAfter?.Delta));
        Assert.Equal((503, TimeSpan.FromSeconds(5)), (third.Code, third.Headers.RetryAfter?.Delta));
        Assert.Equal("simulated_fault", first.ErrorCode);
    }

    [Fact]
    public async Task A_latency_rule_delays_the_answer_in_real_time_and_then_executes()
    {
        await using var sim = await TestSimulator.StartAsync();
        await sim.Admin.SetFaultsAsync([new SimulatorFaultRule { Operation = "createProject", LatencyMs = 400 }], cancellationToken: Test.Ct);

        var watch = Stopwatch.StartNew();
        var created = await sim.Api.PostAsync(ApiClient.Projects(), new { name = "slow" });

        Assert.Equal(201, created.Code);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(380), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task A_lost_create_response_makes_the_vm_but_the_client_sees_502()
    {
        await using var sim = await TestSimulator.StartAsync();
        var project = await sim.Api.CreateProjectAsync("p");
        await sim.Admin.SetFaultsAsync([new SimulatorFaultRule { Operation = "createVM", LostResponse = true, MaxCount = 1 }], cancellationToken: Test.Ct);

        var lost = await sim.Api.PostAsync(ApiClient.Vms(project), VmBodies.Valid("web-1").ToJsonString());
        var listed = await sim.Api.GetAsync(ApiClient.Vms(project));

        Assert.Equal((502, "bad_gateway"), (lost.Code, lost.ErrorCode));
        Assert.Equal("web-1", Assert.Single(listed.Json["data"]!.AsArray())!["name"]!.GetValue<string>());
        var calls = await sim.Admin.GetCallsAsync(Test.Ct);
        Assert.Equal((1, 1), (calls.CountOf("createVM"), calls.CountOf("createVM", 502)));
    }

    [Fact]
    public async Task A_lost_response_rule_with_a_status_answers_that_status_after_executing()
    {
        await using var sim = await TestSimulator.StartAsync();
        await sim.Admin.SetFaultsAsync([new SimulatorFaultRule { Operation = "createProject", LostResponse = true, Status = 504 }], cancellationToken: Test.Ct);

        var lost = await sim.Api.PostAsync(ApiClient.Projects(), new { name = "made-anyway" });

        Assert.Equal(504, lost.Code);
        Assert.Equal("made-anyway", Assert.Single((await sim.Admin.GetStateAsync(Test.Ct)).Projects).Name);
        Assert.Equal(1, (await sim.Admin.GetCallsAsync(Test.Ct)).CountOf("createProject", 504));
    }

    [Fact]
    public async Task A_lost_response_can_abort_the_connection_instead_and_is_then_counted_under_zero()
    {
        await using var sim = await TestSimulator.StartAsync(o => o.LostResponseAbortsConnection = true);
        await sim.Admin.SetFaultsAsync([new SimulatorFaultRule { Operation = "createProject", LostResponse = true, MaxCount = 1 }], cancellationToken: Test.Ct);

        await Assert.ThrowsAsync<HttpRequestException>(() => sim.Api.PostAsync(ApiClient.Projects(), new { name = "ghost" }));

        Assert.Equal("ghost", Assert.Single((await sim.Admin.GetStateAsync(Test.Ct)).Projects).Name);
        var calls = await sim.Admin.GetCallsAsync(Test.Ct);
        Assert.Equal((1, 1), (calls.CountOf("createProject"), calls.CountOf("createProject", 0)));
    }

    [Fact]
    public async Task A_wildcard_rule_hits_every_operation_including_login()
    {
        await using var sim = await TestSimulator.StartAsync();
        await sim.Admin.SetFaultsAsync([new SimulatorFaultRule { Operation = "*", Status = 503 }], cancellationToken: Test.Ct);

        Assert.Equal(503, (await sim.Api.GetAsync(ApiClient.Projects())).Code);
        Assert.Equal(503, (await sim.Anonymous.PostAsync("tenant/api/v1/auth/login", new { email = "a", password = "b" })).Code);
        Assert.Equal(503, (await sim.Anonymous.GetAsync(ApiClient.Vms("p"))).Code);
        Assert.NotNull(await sim.Admin.GetCatalogAsync(Test.Ct));
    }

    [Fact]
    public async Task Rules_are_tried_in_order_and_a_probability_of_zero_never_fires()
    {
        await using var sim = await TestSimulator.StartAsync();
        await sim.Admin.SetFaultsAsync(
            [
                new SimulatorFaultRule { Operation = "listProjects", Status = 500, Probability = 0 },
                new SimulatorFaultRule { Operation = "listProjects", Status = 503, MaxCount = 1 },
                new SimulatorFaultRule { Operation = "*", Status = 502, MaxCount = 1 },
            ],
            cancellationToken: Test.Ct);

        var answers = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add((await sim.Api.GetAsync(ApiClient.Projects())).Code);
        }

        Assert.Equal([503, 502, 200], answers);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_faults()
    {
        async Task<string> RunAsync()
        {
            await using var sim = await TestSimulator.StartAsync();
            await sim.Admin.SetFaultsAsync([new SimulatorFaultRule { Operation = "listProjects", Status = 503, Probability = 0.5 }], seed: 7, Test.Ct);
            var pattern = new System.Text.StringBuilder();
            for (var i = 0; i < 40; i++)
            {
                pattern.Append((await sim.Api.GetAsync(ApiClient.Projects())).Code == 503 ? 'x' : '.');
            }

            return pattern.ToString();
        }

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.Equal(first, second);
        Assert.Contains('x', first);
        Assert.Contains('.', first);
    }

    [Fact]
    public async Task Faults_configured_at_start_up_are_active_and_reset_clears_them()
    {
        await using var sim = await TestSimulator.StartAsync(o => o.Faults.Rules.Add(new SimulatorFaultRule { Operation = "listProjects", Status = 500 }));

        Assert.Equal(500, (await sim.Api.GetAsync(ApiClient.Projects())).Code);
        await sim.Admin.ResetAsync(Test.Ct);
        Assert.Equal(200, (await sim.Api.GetAsync(ApiClient.Projects())).Code);
    }

    [Fact]
    public async Task Clearing_faults_stops_them()
    {
        await using var sim = await TestSimulator.StartAsync();
        await sim.Admin.SetFaultsAsync([new SimulatorFaultRule { Operation = "listProjects", Status = 500 }], cancellationToken: Test.Ct);

        await sim.Admin.ClearFaultsAsync(Test.Ct);

        Assert.Equal(200, (await sim.Api.GetAsync(ApiClient.Projects())).Code);
    }

    public static TheoryData<string, string> InvalidRules => new()
    {
        { """{"rules":[{"operation":"getVm","status":503}]}""", "operation" },
        { """{"rules":[{"operation":"getVM","status":200}]}""", "status" },
        { """{"rules":[{"operation":"getVM","probability":1.5}]}""", "probability" },
        { """{"rules":[{"operation":"getVM","latency_ms":-1}]}""", "latency_ms" },
        { """{"rules":[{"operation":"getVM","max_count":0}]}""", "max_count" },
        { """{"rules":[{"operation":"getVM","retry_after_seconds":-3}]}""", "retry_after_seconds" },
        { """{"rules":[{"operation":"getVM","commit_after_ms":700000}]}""", "commit_after_ms" },
        { """{"rules":[{"operation":"getVM","commit_after_ms":100,"status":503}]}""", "commit_after_ms" },
        { """{"rules":"all"}""", "rules" },
    };

    [Theory]
    [MemberData(nameof(InvalidRules))]
    public async Task Invalid_rules_are_refused_and_the_old_ones_stay(string body, string mention)
    {
        await using var sim = await TestSimulator.StartAsync();
        await sim.Admin.SetFaultsAsync([new SimulatorFaultRule { Operation = "listProjects", Status = 500 }], cancellationToken: Test.Ct);
        using var http = new HttpClient { BaseAddress = sim.Host.BaseAddress };

        using var response = await http.PutAsync("_sim/faults", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Test.Ct);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains(mention, await response.Content.ReadAsStringAsync(Test.Ct), StringComparison.Ordinal);
        Assert.Equal(500, (await sim.Api.GetAsync(ApiClient.Projects())).Code);
    }

    [Fact]
    public async Task A_client_that_gives_up_during_latency_is_counted_under_status_zero()
    {
        await using var sim = await TestSimulator.StartAsync();
        await sim.Admin.SetFaultsAsync([new SimulatorFaultRule { Operation = "listProjects", LatencyMs = 5000, MaxCount = 1 }], cancellationToken: Test.Ct);
        using var http = new HttpClient { BaseAddress = sim.Host.BaseAddress, Timeout = TimeSpan.FromMilliseconds(200) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", sim.Host.Token);

        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => http.GetAsync(ApiClient.Projects(), Test.Ct));

        var deadline = DateTime.UtcNow.AddSeconds(5);
        while ((await sim.Admin.GetCallsAsync(Test.Ct)).CountOf("listProjects", 0) == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, Test.Ct);
        }

        Assert.Equal(1, (await sim.Admin.GetCallsAsync(Test.Ct)).CountOf("listProjects", 0));
    }

    [Fact]
    public async Task A_late_commit_is_executed_although_the_client_gave_up_and_is_counted_under_status_zero()
    {
        await using var sim = await TestSimulator.StartAsync();
        await sim.Admin.SetFaultsAsync([new SimulatorFaultRule { Operation = "createProject", CommitAfterMs = 600, MaxCount = 1 }], cancellationToken: Test.Ct);
        using var http = new HttpClient { BaseAddress = sim.Host.BaseAddress, Timeout = TimeSpan.FromMilliseconds(150) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", sim.Host.Token);

        await Assert.ThrowsAnyAsync<TaskCanceledException>(
            () => http.PostAsync(ApiClient.Projects(), new StringContent("""{"name":"committed-late"}""", System.Text.Encoding.UTF8, "application/json"), Test.Ct));
        Assert.Empty((await sim.Admin.GetStateAsync(Test.Ct)).Projects);

        var deadline = DateTime.UtcNow.AddSeconds(5);
        while ((await sim.Admin.GetStateAsync(Test.Ct)).Projects.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, Test.Ct);
        }

        Assert.Equal("committed-late", Assert.Single((await sim.Admin.GetStateAsync(Test.Ct)).Projects).Name);
        Assert.Equal(1, (await sim.Admin.GetCallsAsync(Test.Ct)).CountOf("createProject", 0));
    }

    [Fact]
    public async Task A_late_commit_answers_a_client_that_waits_for_it()
    {
        await using var sim = await TestSimulator.StartAsync();
        await sim.Admin.SetFaultsAsync([new SimulatorFaultRule { Operation = "createProject", CommitAfterMs = 300 }], cancellationToken: Test.Ct);

        var watch = Stopwatch.StartNew();
        var created = await sim.Api.PostAsync(ApiClient.Projects(), new { name = "patient" });

        Assert.Equal(201, created.Code);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(280), $"took {watch.Elapsed}");
    }
}

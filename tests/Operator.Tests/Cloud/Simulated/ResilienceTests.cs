using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Time.Testing;
using NeevCloud.Operator.Cloud;

namespace NeevCloud.Operator.Tests.Cloud;

/// <summary>Retries, Retry-After, timeouts and the shared rate limiter, counted through the simulator's admin API.</summary>
public sealed class ResilienceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(503)]
    [InlineData(500)]
    [InlineData(429)]
    public async Task A_get_is_retried_until_the_fault_passes(int status)
    {
        await using var cloud = await SimulatedCloud.StartAsync();
        var project = await cloud.CreateProjectAsync("p");
        await cloud.SetFaultsAsync(new FaultRule("getProject", status, RetryAfterSeconds: 0, MaxCount: 2));

        var read = await cloud.Client.GetProjectAsync(cloud.Org, project.Id, Ct);

        Assert.Equal(project.Id, read.Id);
        Assert.Equal(2, await cloud.CountCallsAsync("getProject", status));
        Assert.Equal(1, await cloud.CountCallsAsync("getProject", 200));
    }

    [Fact]
    public async Task A_get_gives_up_after_the_configured_retries_with_a_Transient_error()
    {
        await using var cloud = await SimulatedCloud.StartAsync(new Dictionary<string, string?> { ["NeevCloud:Retry:MaxRetryAttempts"] = "2" });
        var project = await cloud.CreateProjectAsync("p");
        await cloud.SetFaultsAsync(new FaultRule("getProject", 503));

        var error = await Assert.ThrowsAsync<NeevCloudApiException>(() => cloud.Client.GetProjectAsync(cloud.Org, project.Id, Ct));

        Assert.Equal((CloudErrorKind.Transient, HttpStatusCode.ServiceUnavailable), (error.Kind, error.StatusCode));
        Assert.Equal(3, await cloud.CountCallsAsync("getProject"));
    }

    [Theory]
    [InlineData("createProject")]
    [InlineData("updateProject")]
    public async Task A_create_or_update_is_never_retried(string operation)
    {
        await using var cloud = await SimulatedCloud.StartAsync();
        var project = await cloud.CreateProjectAsync("p");
        var callsBefore = await cloud.CountCallsAsync(operation);
        await cloud.SetFaultsAsync(new FaultRule(operation, 503, MaxCount: 1));

        var error = await Assert.ThrowsAsync<NeevCloudApiException>(() => operation == "createProject"
            ? cloud.CreateProjectAsync("q")
            : cloud.Client.UpdateProjectAsync(cloud.Org, project.Id, new UpdateProjectRequest("renamed"), Ct));

        Assert.Equal(CloudErrorKind.Transient, error.Kind);
        Assert.Equal(callsBefore + 1, await cloud.CountCallsAsync(operation));
    }

    [Fact]
    public async Task A_create_vm_is_not_retried_and_a_lost_response_leaves_the_vm_for_the_caller_to_find()
    {
        await using var cloud = await SimulatedCloud.StartAsync();
        var project = await cloud.CreateProjectAsync("p");
        await cloud.SetFaultsAsync(new FaultRule("createVM", Status: null, LostResponse: true, MaxCount: 1));

        var error = await Assert.ThrowsAsync<NeevCloudApiException>(
            () => cloud.Client.CreateVmAsync(cloud.Org, project.Id, cloud.NewVmRequest("web-1"), Ct));

        Assert.Equal(CloudErrorKind.Transient, error.Kind);
        Assert.Equal(1, await cloud.CountCallsAsync("createVM"));
        var vms = await cloud.Client.ListAllVmsAsync(cloud.Org, project.Id, Ct).ToListAsync(Ct);
        Assert.Equal("web-1", Assert.Single(vms).Name);
    }

    [Theory]
    [InlineData("stopVM")]
    [InlineData("deleteVM")]
    [InlineData("listVMs")]
    public async Task Vm_reads_deletes_and_power_actions_are_retried(string operation)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cloud = await SimulatedCloud.StartAsync(simulatorTime: time);
        var project = await cloud.CreateProjectAsync("p");
        var vm = await cloud.Client.CreateVmAsync(cloud.Org, project.Id, cloud.NewVmRequest("web-1"), Ct);
        time.Advance(TimeSpan.FromMinutes(2)); // running: a pending VM cannot be stopped (400)
        await cloud.SetFaultsAsync(new FaultRule(operation, 502, MaxCount: 1));

        Task call = operation switch
        {
            "stopVM" => cloud.Client.StopVmAsync(cloud.Org, project.Id, vm.Id, Ct),
            "deleteVM" => cloud.Client.DeleteVmAsync(cloud.Org, project.Id, vm.Id, Ct),
            _ => cloud.Client.ListVmsAsync(cloud.Org, project.Id, cancellationToken: Ct),
        };
        await call;

        Assert.Equal(1, await cloud.CountCallsAsync(operation, 502));
        Assert.Equal(2, await cloud.CountCallsAsync(operation));
    }

    [Fact]
    public async Task Retry_after_is_waited_out_before_the_retry()
    {
        await using var cloud = await SimulatedCloud.StartAsync();
        var project = await cloud.CreateProjectAsync("p");
        await cloud.SetFaultsAsync(new FaultRule("getProject", 429, RetryAfterSeconds: 1, MaxCount: 1));

        var watch = Stopwatch.StartNew();
        await cloud.Client.GetProjectAsync(cloud.Org, project.Id, Ct);

        // The configured backoff is 1 ms: only the Retry-After explains a one-second wait.
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.95), TimeSpan.FromSeconds(5));
        Assert.Equal(2, await cloud.CountCallsAsync("getProject"));
    }

    [Fact]
    public async Task A_retry_after_longer_than_allowed_is_returned_to_the_caller_instead_of_waited_out()
    {
        await using var cloud = await SimulatedCloud.StartAsync(new Dictionary<string, string?> { ["NeevCloud:Retry:MaxRetryAfter"] = "00:00:02" });
        var project = await cloud.CreateProjectAsync("p");
        await cloud.SetFaultsAsync(new FaultRule("getProject", 429, RetryAfterSeconds: 30));

        var error = await Assert.ThrowsAsync<NeevCloudApiException>(() => cloud.Client.GetProjectAsync(cloud.Org, project.Id, Ct));

        Assert.Equal(CloudErrorKind.RateLimited, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
        Assert.Equal(1, await cloud.CountCallsAsync("getProject"));
    }

    [Fact]
    public async Task A_slow_attempt_is_cut_by_the_attempt_timeout_and_retried()
    {
        await using var cloud = await SimulatedCloud.StartAsync(new Dictionary<string, string?> { ["NeevCloud:Timeouts:Attempt"] = "00:00:00.300" });
        var project = await cloud.CreateProjectAsync("p");
        await cloud.SetFaultsAsync(new FaultRule("getProject", Status: null, LatencyMs: 3000, MaxCount: 1));

        var watch = Stopwatch.StartNew();
        var read = await cloud.Client.GetProjectAsync(cloud.Org, project.Id, Ct);

        Assert.Equal(project.Id, read.Id);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2.5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task A_slow_create_times_out_as_Transient_without_a_status_and_without_a_retry()
    {
        await using var cloud = await SimulatedCloud.StartAsync(new Dictionary<string, string?> { ["NeevCloud:Timeouts:Attempt"] = "00:00:00.300" });
        await cloud.SetFaultsAsync(new FaultRule("createProject", Status: null, LatencyMs: 3000, MaxCount: 1));

        var error = await Assert.ThrowsAsync<NeevCloudApiException>(() => cloud.CreateProjectAsync("slow"));

        // The fault slows only the first request: a retry would have been fast and succeeded.
        Assert.Equal((CloudErrorKind.Transient, (HttpStatusCode?)null), (error.Kind, error.StatusCode));
    }

    [Fact]
    public async Task The_rate_limiter_spaces_calls_beyond_the_burst()
    {
        await using var cloud = await SimulatedCloud.StartAsync(new Dictionary<string, string?>
        {
            ["NeevCloud:RateLimit:RequestsPerSecond"] = "10",
            ["NeevCloud:RateLimit:Burst"] = "1",
        });
        var project = await cloud.CreateProjectAsync("p");

        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => cloud.Client.GetProjectAsync(cloud.Org, project.Id, Ct)));

        // 1 + 6 calls through a bucket of 1 token refilled every 100 ms: at least ~0.5 s after the first.
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(450), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task A_full_request_queue_fails_fast_as_RateLimited_without_reaching_the_cloud()
    {
        await using var cloud = await SimulatedCloud.StartAsync(new Dictionary<string, string?>
        {
            ["NeevCloud:RateLimit:RequestsPerSecond"] = "0.2",
            ["NeevCloud:RateLimit:Burst"] = "1",
            ["NeevCloud:RateLimit:QueueLimit"] = "0",
        });

        await cloud.CreateProjectAsync("p");
        var error = await Assert.ThrowsAsync<NeevCloudApiException>(() => cloud.CreateProjectAsync("q"));

        Assert.Equal((CloudErrorKind.RateLimited, (HttpStatusCode?)null), (error.Kind, error.StatusCode));
        Assert.Equal(1, await cloud.CountCallsAsync("createProject"));
    }

    [Fact]
    public async Task A_429_pauses_every_call_of_the_process_and_a_long_pause_fails_fast_without_a_request()
    {
        await using var cloud = await SimulatedCloud.StartAsync(new Dictionary<string, string?> { ["NeevCloud:Retry:MaxRetryAfter"] = "00:00:02" });
        var project = await cloud.CreateProjectAsync("p");
        await cloud.SetFaultsAsync(new FaultRule("getProject", 429, RetryAfterSeconds: 30, MaxCount: 1));
        await Assert.ThrowsAsync<NeevCloudApiException>(() => cloud.Client.GetProjectAsync(cloud.Org, project.Id, Ct));

        var error = await Assert.ThrowsAsync<NeevCloudApiException>(() => cloud.Client.ListVmsAsync(cloud.Org, project.Id, cancellationToken: Ct));

        Assert.Equal(CloudErrorKind.RateLimited, error.Kind);
        Assert.InRange(error.RetryAfter!.Value, TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(30));
        Assert.Equal(0, await cloud.CountCallsAsync("listVMs"));
    }

    [Fact]
    public async Task A_short_pause_after_a_429_is_waited_out_by_the_next_call_of_any_operation()
    {
        await using var cloud = await SimulatedCloud.StartAsync(new Dictionary<string, string?> { ["NeevCloud:Retry:MaxRetryAttempts"] = "0" });
        var project = await cloud.CreateProjectAsync("p");
        await cloud.SetFaultsAsync(new FaultRule("getProject", 429, RetryAfterSeconds: 1, MaxCount: 1));
        await Assert.ThrowsAsync<NeevCloudApiException>(() => cloud.Client.GetProjectAsync(cloud.Org, project.Id, Ct));

        var watch = Stopwatch.StartNew();
        await cloud.Client.ListVmsAsync(cloud.Org, project.Id, cancellationToken: Ct);

        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.8), TimeSpan.FromSeconds(5));
    }
}

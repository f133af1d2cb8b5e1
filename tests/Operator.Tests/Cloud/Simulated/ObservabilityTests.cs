using Microsoft.Extensions.Logging;
using NeevCloud.Operator.Cloud;

namespace NeevCloud.Operator.Tests.Cloud;

/// <summary>Logs and metrics of cloud calls, and that neither ever shows the bearer token.</summary>
public sealed class ObservabilityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_token_appears_in_no_log_record_metric_or_error_across_happy_and_failing_calls()
    {
        await using var cloud = await SimulatedCloud.StartAsync();
        var token = cloud.Simulator.Token;
        var errors = new List<Exception>();

        var project = await cloud.CreateProjectAsync("p");
        await cloud.Client.GetProjectAsync(cloud.Org, project.Id, Ct);
        await cloud.SetFaultsAsync(new FaultRule("getProject", 503, MaxCount: 2), new FaultRule("createProject", 503));
        await cloud.Client.GetProjectAsync(cloud.Org, project.Id, Ct);
        errors.Add(await Assert.ThrowsAsync<NeevCloudApiException>(() => cloud.CreateProjectAsync("q")));
        errors.Add(await Assert.ThrowsAsync<NeevCloudApiException>(() => cloud.Client.GetProjectAsync(cloud.Org, "missing", Ct)));
        await using (var wrong = await SimulatedCloud.StartAsync(new Dictionary<string, string?> { ["NeevCloud:Token"] = token + "-revoked" }))
        {
            errors.Add(await Assert.ThrowsAsync<NeevCloudApiException>(() => wrong.CreateProjectAsync("r")));
            AssertTokenAbsent(token, wrong.Host.Logs.GetSnapshot());
        }

        var records = cloud.Host.Logs.GetSnapshot();
        Assert.Contains(records, r => r.Level == LogLevel.Debug && r.Message.Contains("getProject", StringComparison.Ordinal));
        AssertTokenAbsent(token, records);
        Assert.DoesNotContain(token, await cloud.Host.ScrapeMetricsAsync(), StringComparison.Ordinal);
        Assert.All(errors, e => Assert.DoesNotContain(token, e.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_attempt_is_logged_at_debug_with_method_path_and_status()
    {
        await using var cloud = await SimulatedCloud.StartAsync();
        var project = await cloud.CreateProjectAsync("p");
        await cloud.SetFaultsAsync(new FaultRule("getProject", 503, MaxCount: 1));

        await cloud.Client.GetProjectAsync(cloud.Org, project.Id, Ct);

        var lines = cloud.Host.Logs.GetSnapshot()
            .Where(r => r.Level == LogLevel.Debug && r.Message.StartsWith("NeevCloud getProject", StringComparison.Ordinal))
            .Select(r => r.Message)
            .ToList();
        var path = $"/tenant/api/v1/orgs/{cloud.Org}/projects/{project.Id}";
        Assert.Collection(
            lines,
            first => Assert.Contains($"GET {path} -> 503", first, StringComparison.Ordinal),
            second => Assert.Contains($"GET {path} -> 200", second, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Requests_are_counted_per_operation_status_and_controller()
    {
        await using var cloud = await SimulatedCloud.StartAsync();
        var project = await cloud.CreateProjectAsync("p");
        await cloud.SetFaultsAsync(new FaultRule("getProject", 503, MaxCount: 1));

        using (NeevCloud.Operator.Runtime.CurrentController.Begin("projects"))
        {
            await cloud.Client.GetProjectAsync(cloud.Org, project.Id, Ct);
        }

        var metrics = await cloud.Host.ScrapeMetricsAsync();
        Assert.Contains("neevcloud_api_requests_total{operation=\"createProject\",code=\"201\",controller=\"none\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("neevcloud_api_requests_total{operation=\"getProject\",code=\"503\",controller=\"projects\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("neevcloud_api_requests_total{operation=\"getProject\",code=\"200\",controller=\"projects\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("neevcloud_api_request_duration_seconds_count{operation=\"getProject\"} 2", metrics, StringComparison.Ordinal);
        Assert.Null(NeevCloud.Operator.Runtime.CurrentController.Name);
    }

    private static void AssertTokenAbsent(string token, IReadOnlyList<Microsoft.Extensions.Logging.Testing.FakeLogRecord> records)
    {
        Assert.NotEmpty(records);
        foreach (var record in records)
        {
            Assert.DoesNotContain(token, record.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(token, record.Exception?.ToString() ?? string.Empty, StringComparison.Ordinal);
            Assert.All(record.StructuredState ?? [], pair => Assert.DoesNotContain(token, pair.Value ?? string.Empty, StringComparison.Ordinal));
            Assert.All(record.Scopes, scope => Assert.DoesNotContain(token, scope?.ToString() ?? string.Empty, StringComparison.Ordinal));
        }
    }
}

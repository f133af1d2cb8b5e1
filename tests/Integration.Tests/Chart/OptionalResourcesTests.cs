using k8s.Models;

namespace Integration.Tests.Chart;

/// <summary>A PodDisruptionBudget and a ServiceMonitor appear only when asked for.</summary>
public sealed class OptionalResourcesTests
{
    [Fact]
    public async Task Neither_is_rendered_by_default()
    {
        var chart = await HelmChart.TemplateAsync();

        Assert.Empty(chart.All<V1PodDisruptionBudget>());
        Assert.Empty(chart.ServiceMonitors);
        Assert.DoesNotContain("monitoring.coreos.com", chart.Yaml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pod_disruption_budget_keeps_one_operator_by_default_or_uses_max_unavailable()
    {
        var chart = await HelmChart.TemplateAsync("--set", "replicaCount=2", "--set", "podDisruptionBudget.enabled=true");
        var max = await HelmChart.TemplateAsync("--set", "podDisruptionBudget.enabled=true", "--set", "podDisruptionBudget.maxUnavailable=1");

        var budget = Assert.Single(chart.All<V1PodDisruptionBudget>()).Spec;
        Assert.Equal("1", budget.MinAvailable?.Value);
        Assert.Null(budget.MaxUnavailable);
        Assert.Equal(chart.Deployment.Spec.Selector.MatchLabels, budget.Selector.MatchLabels);
        var maxBudget = Assert.Single(max.All<V1PodDisruptionBudget>()).Spec;
        Assert.Equal("1", maxBudget.MaxUnavailable?.Value);
        Assert.Null(maxBudget.MinAvailable);
    }

    [Fact]
    public async Task Service_monitor_scrapes_the_metrics_service()
    {
        var chart = await HelmChart.TemplateAsync(
            "--set", "serviceMonitor.enabled=true", "--set", "serviceMonitor.interval=15s", "--set", "serviceMonitor.labels.release=prometheus");

        var monitor = Assert.Single(chart.ServiceMonitors);
        Assert.Equal("monitoring.coreos.com/v1", (string?)monitor["apiVersion"]);
        Assert.Equal("prometheus", (string?)monitor["metadata"]?["labels"]?["release"]);
        var endpoint = Assert.Single(monitor["spec"]!["endpoints"]!.AsArray())!;
        Assert.Equal(("http-metrics", "/metrics", "15s"), ((string?)endpoint["port"], (string?)endpoint["path"], (string?)endpoint["interval"]));
        var service = Assert.Single(chart.All<V1Service>());
        Assert.Contains(service.Spec.Ports, p => p.Name == "http-metrics");
        foreach (var (key, value) in monitor["spec"]!["selector"]!["matchLabels"]!.AsObject())
        {
            Assert.Equal((string?)value, service.Metadata.Labels[key]);
        }
    }
}

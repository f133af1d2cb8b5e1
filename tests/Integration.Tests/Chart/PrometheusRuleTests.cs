using System.Text.Json;
using System.Text.Json.Nodes;
using Integration.Tests.Infrastructure;

namespace Integration.Tests.Chart;

/// <summary>
/// The chart's alerts as Prometheus runs them: rendered by helm, checked by <c>promtool check rules</c> and unit-tested
/// by <c>promtool test rules</c> (prometheus-rules.test.yaml) — Debian's promtool, fetched by hack/tools.sh.
/// </summary>
public sealed class PrometheusRuleTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task No_rules_and_no_dashboard_unless_asked_for()
    {
        var chart = await HelmChart.TemplateAsync();

        Assert.Empty(chart.PrometheusRules);
        Assert.DoesNotContain(chart.Metadata, m => m.Metadata.Name.EndsWith("-dashboard", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_alerts_pass_promtool_check_and_their_unit_tests()
    {
        var promtool = await RepositoryTools.PathOrSkipAsync("promtool");
        var chart = await HelmChart.TemplateAsync("--set", "prometheusRule.enabled=true", "--set", "prometheusRule.gpuHoursPerNamespacePerDay=4");
        var rule = Assert.Single(chart.PrometheusRules);
        var folder = Directory.CreateTempSubdirectory("neev-promtool-");
        try
        {
            // promtool reads JSON too (YAML is a superset): the rendered spec is the rule file.
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "rules.yaml"), rule["spec"]!.ToJsonString(), _ct);
            File.Copy(RepositoryPaths.Combine("tests", "Integration.Tests", "Chart", "prometheus-rules.test.yaml"), Path.Combine(folder.FullName, "rules.test.yaml"));

            var check = await ProcessRunner.RunAsync(promtool, ["check", "rules", "rules.yaml"], workingDirectory: folder.FullName, cancellationToken: _ct);
            Assert.True(check.ExitCode == 0, check.ToString());
            var test = await ProcessRunner.RunAsync(promtool, ["test", "rules", "rules.test.yaml"], workingDirectory: folder.FullName, cancellationToken: _ct);
            Assert.True(test.ExitCode == 0, test.ToString());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_dashboard_is_valid_json_and_queries_only_metrics_the_operator_exports()
    {
        var chart = await HelmChart.TemplateAsync("--set", "grafanaDashboard.enabled=true");

        var map = Assert.Single(chart.All<k8s.Models.V1ConfigMap>(), c => c.Metadata.Name.EndsWith("-dashboard", StringComparison.Ordinal));
        Assert.Equal("1", map.Metadata.Labels["grafana_dashboard"]);
        var dashboard = JsonNode.Parse(map.Data["neev-operator.json"])!;
        var exprs = dashboard["panels"]!.AsArray().SelectMany(p => p!["targets"]!.AsArray()).Select(t => (string)t!["expr"]!).ToList();
        Assert.NotEmpty(exprs);
        string[] exported =
        [
            "neevcloud_vm_gpu_seconds_total", "neevcloud_vm_running_seconds_total", "neevcloud_resource_stalled", "neevcloud_deletion_breaker_held_objects",
            "neevcloud_api_requests_total", "neevcloud_api_request_duration_seconds_bucket", "controller_runtime_reconcile_errors_total", "workqueue_depth",
        ];
        Assert.All(exprs, expr => Assert.Contains(exported, metric => expr.Contains(metric, StringComparison.Ordinal)));
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(map.Data["neev-operator.json"]).RootElement.ValueKind);
    }
}

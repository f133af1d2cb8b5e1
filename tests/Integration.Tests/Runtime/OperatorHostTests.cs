using Integration.Tests.Infrastructure;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NeevCloud.Operator.Hosting;
using NeevCloud.Operator.Runtime;

namespace Integration.Tests.Runtime;

/// <summary>The operator process (in-process) with the runtime's host parts on a real API server.</summary>
public sealed class OperatorHostTests(KubernetesFixture cluster)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Only_one_replica_leads_and_another_takes_over_when_it_stops()
    {
        var (ct, ns) = await PrepareAsync();
        await using var first = await StartAsync(ns, leaderElect: true, ct);
        await using var second = await StartAsync(ns, leaderElect: true, ct);
        await Eventually.AssertAsync(() => Assert.Single(new[] { first, second }, IsLeading), Timeout, ct);
        var (leader, standby) = IsLeading(first) ? (first, second) : (second, first);
        var client = new EntityClient<Widget>(cluster.Client);

        await client.CreateAsync(WidgetCrd.New(ns, "before", 1), ct);
        await Eventually.AssertAsync(async () => Assert.Equal(1, (await client.GetAsync(ns, "before", ct))!.Status?.ObservedSize), Timeout, ct);
        Assert.False(IsLeading(standby));

        await leader.StopAsync(ct);
        await Eventually.AssertAsync(() => Assert.True(IsLeading(standby)), Timeout, ct);
        await client.CreateAsync(WidgetCrd.New(ns, "after", 2), ct);

        await Eventually.AssertAsync(async () => Assert.Equal(2, (await client.GetAsync(ns, "after", ct))!.Status?.ObservedSize), Timeout, ct);
    }

    [Fact]
    public async Task Readyz_follows_the_caches_and_metrics_use_controller_runtime_names()
    {
        var (ct, ns) = await PrepareAsync();
        await using var app = await StartAsync(ns, leaderElect: false, ct);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        await new EntityClient<Widget>(cluster.Client).CreateAsync(WidgetCrd.New(ns, "m1", 1), ct);

        await Eventually.AssertAsync(async () => Assert.Equal("ok", await http.GetStringAsync("/readyz", ct)), Timeout, ct);
        Assert.Equal("ok", await http.GetStringAsync("/healthz", ct));
        await Eventually.AssertAsync(async () =>
        {
            var metrics = await http.GetStringAsync("/metrics", ct);
            Assert.Contains("controller_runtime_reconcile_total{controller=\"widget\",result=\"success\"}", metrics, StringComparison.Ordinal);
            Assert.Contains("workqueue_adds_total{name=\"widget\"}", metrics, StringComparison.Ordinal);
        }, Timeout, ct);
    }

    [Fact]
    public async Task Events_are_recorded_through_events_k8s_io_and_repeats_are_suppressed()
    {
        var (ct, ns) = await PrepareAsync();
        var client = new EntityClient<Widget>(cluster.Client);
        var widget = await client.CreateAsync(WidgetCrd.New(ns, "e1", 1), ct);
        var recorder = new EventRecorder(cluster.Client, NullLogger<EventRecorder>.Instance);

        for (var i = 0; i < 3; i++)
        {
            await recorder.RecordAsync(widget, "Warning", "DriftDetected", "Reconcile", "spec.displayName: desired 'a', observed 'b'", ct);
        }

        var events = await cluster.Client.EventsV1.ListNamespacedEventAsync(ns, cancellationToken: ct);
        var recorded = Assert.Single(events.Items);
        Assert.Equal(("DriftDetected", "Widget", "e1"), (recorded.Reason, recorded.Regarding.Kind, recorded.Regarding.Name));
    }

    private static bool IsLeading(WebApplication app) => app.Services.GetRequiredService<ControllerManager>().IsLeading;

    private async Task<WebApplication> StartAsync(string ns, bool leaderElect, CancellationToken ct)
    {
        var app = OperatorApplication.Build(
            [
                "--urls", "http://127.0.0.1:0",
                "--kubeconfig", cluster.KubeconfigPath,
                "--watch-namespace", ns,
                $"--leader-elect={leaderElect}",
                $"--Operator:LeaderElection:Namespace={ns}",
                "--Operator:LeaderElection:LeaseDuration=00:00:03",
                "--Operator:LeaderElection:RenewDeadline=00:00:02",
                "--Operator:LeaderElection:RetryPeriod=00:00:00.500",
            ],
            builder => builder.Services.AddController<Widget, WidgetController>(new ControllerOptions { Name = "widget" }));
        await app.StartAsync(ct);
        return app;
    }

    private async Task<(CancellationToken, string)> PrepareAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await cluster.ApplyCrdsAsync([WidgetCrd.Definition], ct);
        return (ct, await cluster.CreateNamespaceAsync("host", ct));
    }
}

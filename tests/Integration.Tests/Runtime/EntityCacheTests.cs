using Integration.Tests.Infrastructure;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using NeevCloud.Operator.Runtime;

namespace Integration.Tests.Runtime;

public sealed class EntityCacheTests(KubernetesFixture cluster)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_cache_holds_objects_that_existed_before_it_started_and_follows_later_changes()
    {
        var ct = TestContext.Current.CancellationToken;
        await cluster.ApplyCrdsAsync([WidgetCrd.Definition], ct);
        var ns = await cluster.CreateNamespaceAsync("cache", ct);
        var client = new EntityClient<Widget>(cluster.Client);
        await client.CreateAsync(WidgetCrd.New(ns, "before", 1), ct);
        var cache = new EntityCache<Widget>(client, new CacheOptions { Namespaces = [ns], PageSize = 1 }, NullLogger.Instance);
        var changes = new List<(WatchEventType, string)>();
        cache.Changed += c =>
        {
            lock (changes)
            {
                changes.Add((c.Type, c.Current.Metadata.Name));
            }
        };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var running = cache.RunAsync(stop.Token);
        await cache.WaitForSyncAsync(ct);
        var bySize = new EntityIndex<Widget>("size", w => [w.Spec.Size.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.Equal(["before"], cache.ListBy(bySize, "1").Select(w => w.Metadata.Name));

        await client.CreateAsync(WidgetCrd.New(ns, "after", 2), ct);
        await cluster.Client.CustomObjects.DeleteNamespacedCustomObjectAsync("runtime.neev.test", "v1", ns, "widgets", "before", cancellationToken: ct);

        await Eventually.AssertAsync(() => Assert.Equal(["after"], cache.List().Select(w => w.Metadata.Name)), Timeout, ct);
        // The index follows the watch: the deleted object is found under nothing, the new one under its value.
        Assert.Empty(cache.ListBy(bySize, "1"));
        Assert.Equal(["after"], cache.ListBy(bySize, "2").Select(w => w.Metadata.Name));
        lock (changes)
        {
            Assert.Equal([(WatchEventType.Added, "before"), (WatchEventType.Added, "after"), (WatchEventType.Deleted, "before")], changes);
        }

        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task A_cache_scoped_to_two_namespaces_sees_both_and_nothing_else()
    {
        var ct = TestContext.Current.CancellationToken;
        await cluster.ApplyCrdsAsync([WidgetCrd.Definition], ct);
        var (a, b, other) = (await cluster.CreateNamespaceAsync("scope-a", ct), await cluster.CreateNamespaceAsync("scope-b", ct), await cluster.CreateNamespaceAsync("scope-c", ct));
        var client = new EntityClient<Widget>(cluster.Client);
        await client.CreateAsync(WidgetCrd.New(a, "in-a", 1), ct);
        await client.CreateAsync(WidgetCrd.New(other, "elsewhere", 1), ct);
        var cache = new EntityCache<Widget>(client, new CacheOptions { Namespaces = [a, b] }, NullLogger.Instance);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var running = cache.RunAsync(stop.Token);
        await cache.WaitForSyncAsync(ct);

        await client.CreateAsync(WidgetCrd.New(b, "in-b", 2), ct);
        await client.CreateAsync(WidgetCrd.New(other, "elsewhere-later", 2), ct);

        await Eventually.AssertAsync(
            () => Assert.Equal([$"{a}/in-a", $"{b}/in-b"], cache.List().Select(ObjectKey.Of).Order(StringComparer.Ordinal)), Timeout, ct);
        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task The_cache_lists_again_when_its_watch_expires_across_an_api_server_restart()
    {
        var ct = TestContext.Current.CancellationToken;
        if (!cluster.IsLocalControlPlane)
        {
            Assert.Skip("skipped: restarting the API server needs the local control plane (hack/control-plane.sh)");
        }

        await using var plane = await LocalControlPlaneBackend.StartAsync(LocalControlPlaneBackend.InstanceFor("cache-restart"), ct);
        using var kubernetes = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(plane.KubeconfigPath));
        await kubernetes.ApiextensionsV1.CreateCustomResourceDefinitionAsync(WidgetCrd.Definition, cancellationToken: ct);
        var client = new EntityClient<Widget>(kubernetes);
        await Eventually.AssertAsync(() => client.ListAsync(null, null, null, 1, ct), Timeout, ct);
        var cache = new EntityCache<Widget>(
            client,
            new CacheOptions { Backoff = new ExponentialBackoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1)) },
            NullLogger.Instance);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var running = cache.RunAsync(stop.Token);
        await Eventually.AssertAsync(async () =>
        {
            await client.CreateAsync(WidgetCrd.New("ns1", "w1", 1), ct);
        }, Timeout, ct);
        await Eventually.AssertAsync(() => Assert.NotNull(cache.Get("ns1/w1")), Timeout, ct);

        // Writes the cache does not watch move etcd's revision past the cache's last one, so the
        // restarted server's watch window starts after it: resuming the watch answers 410 Gone.
        for (var i = 0; i < 5; i++)
        {
            await kubernetes.CustomObjects.CreateNamespacedCustomObjectAsync(
                new V1Lease { ApiVersion = "coordination.k8s.io/v1", Kind = "Lease", Metadata = new V1ObjectMeta { Name = $"l{i}" } },
                "coordination.k8s.io", "v1", "ns1", "leases", cancellationToken: ct);
        }

        await plane.RestartApiServerAsync(ct);
        await Eventually.AssertAsync(async () => await client.CreateAsync(WidgetCrd.New("ns1", "w2", 2), ct), Timeout, ct);

        await Eventually.AssertAsync(() => Assert.NotNull(cache.Get("ns1/w2")), Timeout, ct);
        Assert.True(cache.Relists >= 2, $"expected a relist after the restart, saw {cache.Relists} list(s) and {cache.WatchesStarted} watch(es)");

        await stop.CancelAsync();
        await running;
    }
}

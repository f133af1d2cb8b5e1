using System.Collections.Concurrent;
using System.Text.Json;
using k8s;

namespace NeevOperator.Bench;

/// <summary>
/// A watch on one resource type of the bench namespace, opened before anything is created: what a user
/// running `kubectl get -w` sees, timestamped on arrival — when each object first turned Ready, how often
/// it was written, when it went.
/// </summary>
internal sealed class ObjectWatch : IAsyncDisposable
{
    private const string Group = "neevcloud.com";
    private const string Version = "v1alpha1";

    private readonly ConcurrentDictionary<string, WatchedObject> _objects = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly IKubernetes _kubernetes;
    private readonly string _ns;
    private readonly string _plural;
    private Task _watching = Task.CompletedTask;
    private long _modifications;

    private ObjectWatch(IKubernetes kubernetes, string ns, string plural)
    {
        _kubernetes = kubernetes;
        _ns = ns;
        _plural = plural;
    }

    public int Existing => _objects.Values.Count(o => o.DeletedAt is null);

    public int Ready => _objects.Values.Count(o => o.DeletedAt is null && o.ReadyAt is not null);

    /// <summary>All MODIFIED events so far.</summary>
    public long Modifications => Interlocked.Read(ref _modifications);

    public IReadOnlyCollection<WatchedObject> Objects => [.. _objects.Values];

    public WatchedObject? Find(string name) => _objects.GetValueOrDefault(name);

    public static async Task<ObjectWatch> StartAsync(IKubernetes kubernetes, string ns, string plural, CancellationToken cancellationToken)
    {
        var watch = new ObjectWatch(kubernetes, ns, plural);
        var list = await kubernetes.CustomObjects.ListNamespacedCustomObjectAsync(Group, Version, ns, plural, limit: 1, cancellationToken: cancellationToken);
        var resourceVersion = ((JsonElement)list).GetProperty("metadata").GetProperty("resourceVersion").GetString()!;
        watch._watching = Task.Run(() => watch.WatchAsync(resourceVersion), CancellationToken.None);
        return watch;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching;
        _stop.Dispose();
    }

    private async Task WatchAsync(string resourceVersion)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var events = _kubernetes.CustomObjects.WatchListNamespacedCustomObjectAsync(
                    Group, Version, _ns, _plural, allowWatchBookmarks: true, resourceVersion: resourceVersion, timeoutSeconds: 600,
                    cancellationToken: _stop.Token);
                await foreach (var (type, item) in events)
                {
                    var element = item is JsonElement json ? json : JsonSerializer.SerializeToElement(item);
                    resourceVersion = element.GetProperty("metadata").GetProperty("resourceVersion").GetString() ?? resourceVersion;
                    Apply(type, element);
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpRequestException)
            {
                // The server ended the watch (its timeout) or the connection broke: resume from the last version.
            }
        }
    }

    private void Apply(WatchEventType type, JsonElement item)
    {
        if (type == WatchEventType.Bookmark)
        {
            return;
        }

        var now = DateTimeOffset.UtcNow;
        var name = item.GetProperty("metadata").GetProperty("name").GetString()!;
        var watched = _objects.GetOrAdd(name, n => new WatchedObject(n));
        switch (type)
        {
            case WatchEventType.Modified:
                watched.Modifications++;
                Interlocked.Increment(ref _modifications);
                break;
            case WatchEventType.Deleted:
                watched.DeletedAt = now;
                return;
            default:
                break;
        }

        if (watched.ReadyAt is null && IsReady(item))
        {
            watched.ReadyAt = now;
        }
    }

    private static bool IsReady(JsonElement item) =>
        item.TryGetProperty("status", out var status)
        && status.TryGetProperty("conditions", out var conditions)
        && conditions.EnumerateArray().Any(c => c.GetProperty("type").GetString() == "Ready" && c.GetProperty("status").GetString() == "True");
}

using System.Collections.Concurrent;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace NeevCloud.Operator.Runtime;

/// <summary>
/// A list+watch cache of one resource type. Lists (paged), then watches from the list's
/// resourceVersion with bookmarks; resumes from the last seen version when a watch ends or
/// breaks (with back-off), and lists again when the server answers 410 Gone. Scoped to some
/// namespaces, it runs that loop once per namespace and is synced when all have listed.
/// </summary>
public sealed partial class EntityCache<TEntity> : IManagedCache, IEntityLister<TEntity>
    where TEntity : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly ConcurrentDictionary<string, TEntity> _store = new();
    private readonly Lock _indexLock = new();
    private readonly Dictionary<EntityIndex<TEntity>, IndexEntries> _indexes = [];
    private volatile bool _indexed;
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly EntityClient<TEntity> _client;
    private readonly CacheOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private int _unsyncedScopes;
    private int _relists;
    private int _watchesStarted;

    public EntityCache(EntityClient<TEntity> client, CacheOptions options, ILogger logger, TimeProvider? timeProvider = null)
    {
        _client = client;
        _options = options;
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Raised on the watch loop for every observed change; handlers must be quick.</summary>
    public event Action<EntityChange<TEntity>>? Changed;

    public bool IsSynced => _synced.Task.IsCompleted;

    /// <summary>Full lists done so far (the first one included).</summary>
    public int Relists => Volatile.Read(ref _relists);

    public int WatchesStarted => Volatile.Read(ref _watchesStarted);

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => _synced.Task.WaitAsync(cancellationToken);

    public TEntity? Get(string key) => _store.GetValueOrDefault(key);

    public IReadOnlyCollection<TEntity> List() => [.. _store.Values];

    /// <summary>
    /// The objects found under a value of an index; the index is built from the store on first use and kept up to
    /// date by every change the cache takes in from then on.
    /// </summary>
    public IReadOnlyCollection<TEntity> ListBy(EntityIndex<TEntity> index, string value)
    {
        lock (_indexLock)
        {
            if (!_indexes.TryGetValue(index, out var entries))
            {
                entries = new IndexEntries();
                foreach (var (key, entity) in _store)
                {
                    entries.Set(key, index.ValuesOf(entity));
                }

                _indexes[index] = entries;
                _indexed = true;
            }

            if (!entries.KeysByValue.TryGetValue(value, out var keys))
            {
                return [];
            }

            var found = new List<TEntity>(keys.Count);
            foreach (var key in keys)
            {
                if (_store.TryGetValue(key, out var entity))
                {
                    found.Add(entity);
                }
            }

            return found;
        }
    }

    /// <summary>
    /// Stores an object returned by one of our own writes, so the next reconcile does not act
    /// on the copy from before the write. An older version never replaces a newer one.
    /// </summary>
    public void Upsert(TEntity entity)
    {
        WithoutManagedFields(entity);
        var key = ObjectKey.Of(entity);
        _store.AddOrUpdate(key, entity, (_, existing) => IsNewer(entity, existing) ? entity : existing);
        Reindex(key);
    }

    /// <summary>Brings every index up to what the store holds for the key now (called after each change of it).</summary>
    private void Reindex(string key)
    {
        if (!_indexed)
        {
            return;
        }

        lock (_indexLock)
        {
            // What the store holds when the lock is taken: of two changes racing, the later reindex sees the later value.
            var current = _store.GetValueOrDefault(key);
            foreach (var (index, entries) in _indexes)
            {
                entries.Set(key, current is null ? [] : index.ValuesOf(current));
            }
        }
    }

    public Task RunAsync(CancellationToken cancellationToken)
    {
        string?[] scopes = _options.Namespaces.Count == 0 ? [null] : [.. _options.Namespaces.Distinct(StringComparer.Ordinal)];
        _unsyncedScopes = scopes.Length;
        return Task.WhenAll(scopes.Select(ns => RunScopeAsync(ns, cancellationToken)));
    }

    /// <summary>The list+watch loop of one namespace (null: all namespaces).</summary>
    private async Task RunScopeAsync(string? ns, CancellationToken cancellationToken)
    {
        var synced = false;
        string? resourceVersion = null;
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (resourceVersion is null)
                {
                    resourceVersion = await RelistAsync(ns, cancellationToken);
                    if (!synced && Interlocked.Decrement(ref _unsyncedScopes) == 0)
                    {
                        _synced.TrySetResult();
                    }

                    synced = true;
                }

                resourceVersion = await WatchAsync(ns, resourceVersion, cancellationToken);
                failures = 0;
            }
            catch (ResourceExpiredException ex)
            {
                LogExpired(_client.Metadata.Kind, ex.Message);
                resourceVersion = null;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                failures++;
                var delay = _options.Backoff.DelayFor(failures, Random.Shared.NextDouble());
                LogWatchFailed(ex, _client.Metadata.Kind, delay);
                try
                {
                    await Task.Delay(delay, _time, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    private async Task<string> RelistAsync(string? ns, CancellationToken cancellationToken)
    {
        var listed = new Dictionary<string, TEntity>();
        string? continueToken = null;
        string resourceVersion;
        do
        {
            EntityList<TEntity> page;
            try
            {
                page = await _client.ListAsync(ns, _options.LabelSelector, continueToken, _options.PageSize, cancellationToken);
            }
            catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.Gone)
            {
                throw new ResourceExpiredException("list continuation expired", ex);
            }

            foreach (var item in page.Items)
            {
                listed[ObjectKey.Of(WithoutManagedFields(item))] = item;
            }

            continueToken = page.Metadata.ContinueProperty;
            resourceVersion = page.Metadata.ResourceVersion;
        }
        while (!string.IsNullOrEmpty(continueToken));

        foreach (var (key, old) in _store)
        {
            if ((ns is null || old.Metadata.NamespaceProperty == ns) && !listed.ContainsKey(key) && _store.TryRemove(key, out _))
            {
                Reindex(key);
                Changed?.Invoke(new EntityChange<TEntity>(WatchEventType.Deleted, old, old));
            }
        }

        foreach (var (key, item) in listed)
        {
            var old = _store.GetValueOrDefault(key);
            _store[key] = item;
            Reindex(key);
            if (old is null || old.Metadata.ResourceVersion != item.Metadata.ResourceVersion)
            {
                Changed?.Invoke(new EntityChange<TEntity>(old is null ? WatchEventType.Added : WatchEventType.Modified, old, item));
            }
        }

        Interlocked.Increment(ref _relists);
        LogListed(_client.Metadata.Kind, listed.Count, resourceVersion);
        return resourceVersion;
    }

    private async Task<string> WatchAsync(string? ns, string resourceVersion, CancellationToken cancellationToken)
    {
        var min = _options.MinWatchTimeout.TotalSeconds;
        var timeoutSeconds = (int)(min + (Random.Shared.NextDouble() * (_options.MaxWatchTimeout.TotalSeconds - min)));
        // Guard against a connection that dies without closing: the server would have ended the
        // watch at its timeout, so a watch that outlives it by far is dead.
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        guard.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds + 30));
        Exception? serverError = null;
        Interlocked.Increment(ref _watchesStarted);
        try
        {
            await foreach (var (type, entity) in _client.WatchAsync(
                ns, _options.LabelSelector, resourceVersion, timeoutSeconds, ex => serverError ??= ex, guard.Token))
            {
                resourceVersion = entity.Metadata.ResourceVersion ?? resourceVersion;
                Apply(type, entity);
            }
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.Gone)
        {
            throw new ResourceExpiredException("watch resourceVersion expired", ex);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return resourceVersion;
        }
        catch (HttpRequestException ex) when (ex.InnerException is EndOfStreamException)
        {
            // The server ended an event-less watch at its timeout; the client reports that so.
            return resourceVersion;
        }

        return serverError switch
        {
            KubernetesException { Status.Code: (int)HttpStatusCode.Gone } gone =>
                throw new ResourceExpiredException(gone.Status.Message ?? "410 Gone", gone),
            null => resourceVersion,
            _ => throw serverError,
        };
    }

    private void Apply(WatchEventType type, TEntity entity)
    {
        var key = ObjectKey.Of(WithoutManagedFields(entity));
        switch (type)
        {
            case WatchEventType.Added:
            case WatchEventType.Modified:
                var old = _store.GetValueOrDefault(key);
                _store[key] = entity;
                Reindex(key);
                Changed?.Invoke(new EntityChange<TEntity>(old is null ? WatchEventType.Added : WatchEventType.Modified, old, entity));
                break;
            case WatchEventType.Deleted:
                _store.TryRemove(key, out var removed);
                Reindex(key);
                Changed?.Invoke(new EntityChange<TEntity>(WatchEventType.Deleted, removed, entity));
                break;
            default:
                // Bookmarks only move the resourceVersion forward.
                break;
        }
    }

    /// <summary>
    /// managedFields are the API server's bookkeeping of server-side apply, up to half of an object's size; the
    /// operator never reads them and only ever patches, so the cache does not keep them (as controller-runtime's
    /// TransformStripManagedFields): with 5000 VMs that is tens of MB, and every pass copies the object.
    /// </summary>
    private static TEntity WithoutManagedFields(TEntity entity)
    {
        entity.Metadata.ManagedFields = null;
        return entity;
    }

    private static bool IsNewer(TEntity candidate, TEntity existing) =>
        ulong.TryParse(candidate.Metadata.ResourceVersion, out var a) && ulong.TryParse(existing.Metadata.ResourceVersion, out var b)
            ? a >= b
            : true;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Listed {Kind}: {Count} objects at resourceVersion {ResourceVersion}")]
    private partial void LogListed(string kind, int count, string resourceVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "Watch of {Kind} expired ({Reason}); listing again")]
    private partial void LogExpired(string kind, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch of {Kind} failed; retrying in {Delay}")]
    private partial void LogWatchFailed(Exception exception, string kind, TimeSpan delay);

    /// <summary>One index's entries: the keys under each value, and each key's values (to take them out again).</summary>
    private sealed class IndexEntries
    {
        private readonly Dictionary<string, string[]> _valuesByKey = new(StringComparer.Ordinal);

        public Dictionary<string, HashSet<string>> KeysByValue { get; } = new(StringComparer.Ordinal);

        public void Set(string key, IEnumerable<string> values)
        {
            if (_valuesByKey.Remove(key, out var before))
            {
                foreach (var value in before)
                {
                    if (KeysByValue.TryGetValue(value, out var keys) && keys.Remove(key) && keys.Count == 0)
                    {
                        KeysByValue.Remove(value);
                    }
                }
            }

            string[] now = [.. values.Distinct(StringComparer.Ordinal)];
            if (now.Length == 0)
            {
                return;
            }

            _valuesByKey[key] = now;
            foreach (var value in now)
            {
                if (!KeysByValue.TryGetValue(value, out var keys))
                {
                    KeysByValue[value] = keys = new HashSet<string>(StringComparer.Ordinal);
                }

                keys.Add(key);
            }
        }
    }
}

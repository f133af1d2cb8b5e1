using System.Net;
using System.Threading.RateLimiting;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace NeevCloud.Operator.Runtime;

/// <summary>
/// Runs one controller: cache events feed a keyed work queue; workers load the object, handle
/// deletion through the finalizer, ensure the finalizer (unless the controller adds it with its own first write),
/// reconcile, write status when it changed, and schedule the next pass. Each step is one patch; nothing is
/// replaced whole.
/// Every log line of a pass carries the object (controller, namespace, name) as scope.
/// </summary>
public sealed partial class ControllerRunner<TEntity> : IManagedController, IDisposable
    where TEntity : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly EntityCache<TEntity> _cache;
    private readonly EntityClient<TEntity> _client;
    private readonly Func<IEntityController<TEntity>> _controller;
    private readonly Func<IEntityFinalizer<TEntity>>? _finalizer;
    private readonly ControllerOptions _options;
    private readonly ControllerMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly TokenBucketRateLimiter _limiter;

    public ControllerRunner(
        EntityCache<TEntity> cache,
        EntityClient<TEntity> client,
        Func<IEntityController<TEntity>> controller,
        Func<IEntityFinalizer<TEntity>>? finalizer,
        ControllerOptions options,
        ControllerMetrics metrics,
        ILogger logger,
        TimeProvider? timeProvider = null,
        IEnumerable<ISecondaryWatch<TEntity>>? secondaryWatches = null)
    {
        _cache = cache;
        _client = client;
        _controller = controller;
        _finalizer = finalizer;
        _options = options;
        _metrics = metrics;
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
        _limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.PassBurst,
            TokensPerPeriod = Math.Max(1, (int)Math.Round(options.PassesPerSecond / 10)),
            ReplenishmentPeriod = TimeSpan.FromMilliseconds(100),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        Queue = new WorkQueue(_time, options.Backoff, _limiter, metrics.ForQueue(options.Name));
        cache.Changed += change =>
        {
            if (ChangeFilter.NeedsReconcile(change))
            {
                Queue.Add(ObjectKey.Of(change.Current));
            }
        };
        foreach (var watch in secondaryWatches ?? [])
        {
            watch.Attach(Queue.Add, Queue.AddUrgent);
        }
    }

    public WorkQueue Queue { get; }

    public string Name => _options.Name;

    /// <summary>Asks for a pass over an object, e.g. when something it depends on changed.</summary>
    public void Enqueue(string key) => Queue.Add(key);

    /// <summary>Runs the workers until cancelled; in-flight passes finish before it returns.</summary>
    public async Task RunWorkersAsync(CancellationToken cancellationToken)
    {
        _metrics.SetMaxConcurrentReconciles(_options.Name, _options.Workers);
        foreach (var entity in _cache.List())
        {
            Queue.Add(ObjectKey.Of(entity));
        }

        using var stop = cancellationToken.Register(Queue.ShutDown);
        var workers = Enumerable.Range(0, _options.Workers).Select(_ => Task.Run(WorkerLoopAsync, CancellationToken.None));
        await Task.WhenAll(workers);
    }

    public void Dispose()
    {
        Queue.Dispose();
        _limiter.Dispose();
    }

    private async Task WorkerLoopAsync()
    {
        // Passes are not cancelled by shutdown: a cloud call half done is worse than a late exit.
        while (await Queue.GetAsync(CancellationToken.None) is { } key)
        {
            var active = _metrics.ActiveWorkers(_options.Name);
            active.Inc();
            var started = _time.GetTimestamp();
            string result;
            try
            {
                result = await ProcessAsync(key, CancellationToken.None);
            }
            catch (Exception ex)
            {
                var delay = Queue.AddRateLimited(key);
                LogFailed(ex, _options.Name, key, delay);
                result = "error";
            }
            finally
            {
                active.Dec();
                Queue.Done(key);
            }

            var elapsed = _time.GetElapsedTime(started);
            _metrics.RecordReconcile(_options.Name, result, elapsed);
            _metrics.WorkDuration(_options.Name).Observe(elapsed.TotalSeconds);
        }
    }

    private async Task<string> ProcessAsync(string key, CancellationToken cancellationToken)
    {
        var cached = _cache.Get(key);
        if (cached is null)
        {
            Queue.Forget(key);
            return "success";
        }

        var (ns, name) = ObjectKey.Split(key);
        using var controller = CurrentController.Begin(_options.Name);
        using var scope = _logger.BeginScope(new Dictionary<string, object?>
        {
            ["Controller"] = _options.Name,
            ["Namespace"] = ns,
            ["Name"] = name,
        });

        // Out-of-process soaks count these lines per key to find hot loops across restarts.
        LogReconciling(_options.Name, key);

        // The controller works on a private copy; the cached object stays what the server said.
        var json = KubernetesJson.Serialize(cached);
        var entity = KubernetesJson.Deserialize<TEntity>(json);
        var statusBefore = StatusOf(json)?.ToJsonString();

        if (entity.Metadata.DeletionTimestamp is not null)
        {
            return await FinalizeAsync(key, entity, statusBefore, cancellationToken);
        }

        if (_finalizer is not null && !_options.ControllerAddsFinalizer && !(entity.Metadata.Finalizers?.Contains(_options.Finalizer) ?? false))
        {
            var updated = await _client.PatchFinalizersAsync(entity, [.. entity.Metadata.Finalizers ?? [], _options.Finalizer], cancellationToken);
            _cache.Upsert(updated);
            entity.Metadata = updated.Metadata;
        }

        var result = await _controller().ReconcileAsync(entity, cancellationToken);
        await WriteStatusIfChangedAsync(entity, statusBefore, cancellationToken);
        if (result.Failed)
        {
            Queue.AddRateLimited(key, result.RequeueAfter);
            return "error";
        }

        Queue.Forget(key);
        if (result.RequeueAfter is { } after)
        {
            Queue.AddAfter(key, after);
            return "requeue_after";
        }

        return "success";
    }

    private async Task<string> FinalizeAsync(string key, TEntity entity, string? statusBefore, CancellationToken cancellationToken)
    {
        var finalizers = entity.Metadata.Finalizers ?? [];
        if (_finalizer is null || !finalizers.Contains(_options.Finalizer))
        {
            return "success";
        }

        var outcome = await _finalizer().FinalizeAsync(entity, cancellationToken);
        await WriteStatusIfChangedAsync(entity, statusBefore, cancellationToken);
        if (outcome.Failed)
        {
            Queue.AddRateLimited(key, outcome.RetryAfter);
            return "error";
        }

        if (!outcome.Completed)
        {
            Queue.Forget(key);
            Queue.AddAfter(key, outcome.RetryAfter);
            return "requeue_after";
        }

        var remaining = finalizers.Where(f => f != _options.Finalizer).ToList();
        try
        {
            await _client.PatchFinalizersAsync(entity, remaining, cancellationToken);
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
        {
            // Already gone: nothing holds it any more.
        }

        Queue.Forget(key);
        return "success";
    }

    private async Task WriteStatusIfChangedAsync(TEntity entity, string? before, CancellationToken cancellationToken)
    {
        var after = StatusOf(KubernetesJson.Serialize(entity));
        if (after is null || after.ToJsonString() == before)
        {
            return;
        }

        try
        {
            var updated = await _client.ReplaceStatusAsync(entity, after, cancellationToken);
            _cache.Upsert(updated);
            entity.Metadata = updated.Metadata;
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound && entity.Metadata.DeletionTimestamp is not null)
        {
            // Deleted meanwhile; its status no longer matters.
        }
    }

    private static JsonNode? StatusOf(string entityJson) => JsonNode.Parse(entityJson)?["status"];

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Controller}: reconcile of {Key} failed; retrying in {Delay}")]
    private partial void LogFailed(Exception exception, string controller, string key, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Controller}: reconciling {Key}")]
    private partial void LogReconciling(string controller, string key);
}

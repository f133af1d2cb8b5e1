using System.Threading.RateLimiting;

namespace NeevCloud.Operator.Runtime;

/// <summary>
/// A keyed work queue in the manner of client-go's: a key added many times before it is
/// processed is processed once; a key is never handed to two workers at once (added while in
/// flight, it is handed out again after <see cref="Done"/>); keys can be scheduled for later;
/// failures back off per key; an optional limiter bounds how fast keys are handed out overall.
/// <para>
/// Keys added as urgent (news of a change that has already happened, such as the cloud reporting a VM running)
/// are handed out before the others (work not yet started, such as a thousand new objects to create), so a flood of
/// new objects does not hold back the status of the ones that are done.
/// </para>
/// </summary>
public sealed class WorkQueue : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Queue<string> _ready = new();
    private readonly Queue<string> _urgent = new();
    private readonly HashSet<string> _urgentKeys = [];
    private readonly HashSet<string> _dirty = [];
    private readonly HashSet<string> _processing = [];
    private readonly Dictionary<string, long> _enqueuedAt = [];
    private readonly PriorityQueue<string, DateTimeOffset> _delayed = new();
    private readonly Dictionary<string, DateTimeOffset> _delayedDue = [];
    private readonly Dictionary<string, int> _failures = [];
    private readonly SemaphoreSlim _available = new(0);
    private readonly TimeProvider _time;
    private readonly ExponentialBackoff _backoff;
    private readonly RateLimiter? _limiter;
    private readonly WorkQueueMetrics? _metrics;
    private readonly ITimer _timer;
    private bool _shuttingDown;

    // Keys waiting to be handed out. A key moved up to urgent keeps its old entry in _ready, skipped when reached.
    private int _readyCount;

    public WorkQueue(
        TimeProvider? timeProvider = null,
        ExponentialBackoff? backoff = null,
        RateLimiter? limiter = null,
        WorkQueueMetrics? metrics = null)
    {
        _time = timeProvider ?? TimeProvider.System;
        _backoff = backoff ?? ExponentialBackoff.Default;
        _limiter = limiter;
        _metrics = metrics;
        _timer = _time.CreateTimer(_ => PromoteDueKeys(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Keys waiting to be handed out (not counting scheduled or in-flight ones).</summary>
    public int Depth
    {
        get
        {
            lock (_lock)
            {
                return _readyCount;
            }
        }
    }

    /// <summary>Queues a key now (a no-op when it is already queued).</summary>
    public void Add(string key)
    {
        lock (_lock)
        {
            AddLocked(key, urgent: false);
        }
    }

    /// <summary>Queues a key now, ahead of the keys added by <see cref="Add"/> (moving it up when it is queued already).</summary>
    public void AddUrgent(string key)
    {
        lock (_lock)
        {
            AddLocked(key, urgent: true);
        }
    }

    /// <summary>Queues a key after a delay; the earliest of several schedules wins.</summary>
    public void AddAfter(string key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }

        lock (_lock)
        {
            if (_shuttingDown)
            {
                return;
            }

            var due = _time.GetUtcNow() + delay;
            if (_delayedDue.TryGetValue(key, out var existing) && existing <= due)
            {
                return;
            }

            _delayedDue[key] = due;
            _delayed.Enqueue(key, due);
            ArmTimerLocked();
        }
    }

    /// <summary>
    /// Queues a key after its failure back-off (but not sooner than <paramref name="atLeast"/>, e.g. a
    /// Retry-After) and counts the failure.
    /// </summary>
    public TimeSpan AddRateLimited(string key, TimeSpan? atLeast = null)
    {
        TimeSpan delay;
        lock (_lock)
        {
            var failures = _failures.GetValueOrDefault(key) + 1;
            _failures[key] = failures;
            delay = _backoff.DelayFor(failures, Random.Shared.NextDouble());
        }

        if (atLeast is { } floor && floor > delay)
        {
            delay = floor;
        }

        _metrics?.Retries.Inc();
        AddAfter(key, delay);
        return delay;
    }

    /// <summary>Consecutive failures recorded for a key.</summary>
    public int Failures(string key)
    {
        lock (_lock)
        {
            return _failures.GetValueOrDefault(key);
        }
    }

    /// <summary>Resets a key's failure back-off (after a successful pass).</summary>
    public void Forget(string key)
    {
        lock (_lock)
        {
            _failures.Remove(key);
        }
    }

    /// <summary>Waits for the next key; null once the queue shuts down.</summary>
    public async ValueTask<string?> GetAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _available.WaitAsync(cancellationToken);
            string key;
            long enqueuedAt;
            lock (_lock)
            {
                if (!_urgent.TryDequeue(out var next) && !_ready.TryDequeue(out next))
                {
                    if (_shuttingDown)
                    {
                        _available.Release();
                        return null;
                    }

                    continue;
                }

                if (!_dirty.Contains(next) || _processing.Contains(next))
                {
                    // The second entry of a key moved up to urgent, already handed out.
                    continue;
                }

                key = next;
                _readyCount--;
                _dirty.Remove(key);
                _urgentKeys.Remove(key);
                _processing.Add(key);
                enqueuedAt = _enqueuedAt.Remove(key, out var at) ? at : _time.GetTimestamp();
            }

            _metrics?.Depth.Dec();
            _metrics?.QueueDuration.Observe(_time.GetElapsedTime(enqueuedAt).TotalSeconds);
            if (_limiter is not null)
            {
                using var lease = await _limiter.AcquireAsync(1, cancellationToken);
            }

            return key;
        }
    }

    /// <summary>Marks a key's processing as finished; queued again if it was added meanwhile.</summary>
    public void Done(string key)
    {
        lock (_lock)
        {
            _processing.Remove(key);
            if (_dirty.Contains(key))
            {
                EnqueueReadyLocked(key);
            }
        }
    }

    /// <summary>Stops handing out keys; waiting callers get null.</summary>
    public void ShutDown()
    {
        lock (_lock)
        {
            _shuttingDown = true;
        }

        _available.Release();
    }

    public void Dispose()
    {
        _timer.Dispose();
        _available.Dispose();
    }

    private void AddLocked(string key, bool urgent)
    {
        if (_shuttingDown)
        {
            return;
        }

        if (!_dirty.Add(key))
        {
            if (urgent && _urgentKeys.Add(key) && !_processing.Contains(key))
            {
                // Queued as ordinary work already: a second entry up front; the first is skipped when reached.
                _urgent.Enqueue(key);
                _available.Release();
            }

            return;
        }

        _metrics?.Adds.Inc();
        _enqueuedAt[key] = _time.GetTimestamp();
        if (urgent)
        {
            _urgentKeys.Add(key);
        }

        if (!_processing.Contains(key))
        {
            EnqueueReadyLocked(key);
        }
    }

    private void EnqueueReadyLocked(string key)
    {
        (_urgentKeys.Contains(key) ? _urgent : _ready).Enqueue(key);
        _readyCount++;
        _metrics?.Depth.Inc();
        _available.Release();
    }

    private void PromoteDueKeys()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            while (_delayed.TryPeek(out var key, out var due) && due <= now)
            {
                _delayed.Dequeue();
                // Entries superseded by an earlier schedule for the same key are skipped.
                if (_delayedDue.TryGetValue(key, out var current) && current == due)
                {
                    _delayedDue.Remove(key);
                    AddLocked(key, urgent: false);
                }
            }

            ArmTimerLocked();
        }
    }

    private void ArmTimerLocked()
    {
        if (!_delayed.TryPeek(out _, out var due))
        {
            return;
        }

        var wait = due - _time.GetUtcNow();
        _timer.Change(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, Timeout.InfiniteTimeSpan);
    }
}

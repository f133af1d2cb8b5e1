using System.Collections.Concurrent;

namespace NeevCloud.Operator.Runtime.Polling;

/// <summary>
/// Watching the cloud, which has no watch: one paginated LIST per scope (e.g. the VMs of one project), shared by
/// every object of that scope, so refreshing a thousand VMs costs one LIST per project, not a GET per VM.
/// <list type="bullet">
/// <item>Readers say how old a listing may be (<see cref="GetAsync(TScope, DateTimeOffset, CancellationToken)"/>);
/// concurrent readers of a stale scope share one LIST, and one that started too early for a reader is not reused by it.</item>
/// <item>The poll schedule: a scope kept fresh (<see cref="KeepFresh"/>, while something in it moves) is listed
/// once per poll interval by <see cref="ListingPoller"/>; nothing else is listed unless a reader asks.</item>
/// <item>Routing: an item that a LIST shows changed (or gone) queues the object it is routed to
/// (<see cref="Route"/>), so an object needs no pass of its own to notice that its cloud resource moved.</item>
/// </list>
/// </summary>
/// <typeparam name="TScope">What one LIST covers (e.g. organization and project).</typeparam>
/// <typeparam name="TItem">What it lists.</typeparam>
/// <typeparam name="TEntity">The resources whose work queue the changes go to.</typeparam>
public sealed class PolledListing<TScope, TItem, TEntity> : IPolledListing, ISecondaryWatch<TEntity>
    where TScope : notnull
{
    private readonly ConcurrentDictionary<TScope, ScopeListing> _scopes = new();
    private readonly ConcurrentDictionary<string, string> _routes = new(StringComparer.Ordinal);
    private readonly Func<TScope, CancellationToken, IAsyncEnumerable<TItem>> _list;
    private readonly Func<TItem, string> _idOf;
    private readonly Func<TItem, TItem, bool> _sameObservation;
    private readonly TimeProvider _time;
    private readonly Func<TItem, bool> _settled;
    private Action<string>? _enqueue;
    private Action<string>? _enqueueUrgent;

    /// <param name="list">The LIST of one scope, every page.</param>
    /// <param name="idOf">An item's cloud id.</param>
    /// <param name="sameObservation">Whether two versions of an item look the same to the objects routed to it.</param>
    /// <param name="time">The clock that says how old a listing is.</param>
    /// <param name="settled">
    /// Whether an item is in a state it stays in by itself (a VM running, not starting). A change into such a state,
    /// or an item gone, is an outcome its object waits for: its pass goes ahead of other work. A change into a
    /// passing state is ordinary work, so under load passes over several passing states fold into one (fewer
    /// status writes) while the outcome is never held back. Null: every state counts as settled.
    /// </param>
    public PolledListing(
        Func<TScope, CancellationToken, IAsyncEnumerable<TItem>> list,
        Func<TItem, string> idOf,
        Func<TItem, TItem, bool> sameObservation,
        TimeProvider time,
        Func<TItem, bool>? settled = null)
    {
        _list = list;
        _idOf = idOf;
        _sameObservation = sameObservation;
        _time = time;
        _settled = settled ?? (_ => true);
    }

    public void Attach(Action<string> enqueue, Action<string> enqueueUrgent)
    {
        _enqueue += enqueue;
        _enqueueUrgent += enqueueUrgent;
    }

    /// <summary>The scope's items by id, from a LIST that started no earlier than <paramref name="listedAfter"/>.</summary>
    public Task<IReadOnlyDictionary<string, TItem>> GetAsync(TScope scope, DateTimeOffset listedAfter, CancellationToken cancellationToken) =>
        GetAsync(scope, listedAfter, startNew: false, cancellationToken);

    /// <summary>The scope's items from a LIST at most <paramref name="maxAge"/> old (<see cref="TimeSpan.Zero"/>: one that starts now).</summary>
    public Task<IReadOnlyDictionary<string, TItem>> GetAsync(TScope scope, TimeSpan maxAge, CancellationToken cancellationToken) =>
        maxAge <= TimeSpan.Zero
            ? GetAsync(scope, _time.GetUtcNow(), startNew: true, cancellationToken)
            : GetAsync(scope, _time.GetUtcNow() - maxAge, startNew: false, cancellationToken);

    private async Task<IReadOnlyDictionary<string, TItem>> GetAsync(
        TScope scope, DateTimeOffset listedAfter, bool startNew, CancellationToken cancellationToken)
    {
        var listing = _scopes.GetOrAdd(scope, _ => new ScopeListing());
        Task<IReadOnlyDictionary<string, TItem>> running;
        lock (listing)
        {
            if (!startNew && listing.Items is { } fresh && listing.TakenAt >= listedAfter)
            {
                return fresh;
            }

            // A LIST already under way will do if it started late enough; otherwise start another.
            if (startNew || listing.Running is null || listing.RunningSince < listedAfter)
            {
                listing.RunningSince = _time.GetUtcNow();
                listing.Running = ListAsync(listing, scope, listing.RunningSince);
            }

            running = listing.Running;
        }

        // The LIST is shared: a reader that gives up does not cancel it for the others.
        return await running.WaitAsync(cancellationToken);
    }


    /// <summary>What an action of ours (create, start, stop, delete) answered, until the next LIST.</summary>
    public void Record(TScope scope, TItem item)
    {
        var listing = _scopes.GetOrAdd(scope, _ => new ScopeListing());
        lock (listing)
        {
            if (listing.Items is { } items)
            {
                listing.Items = new Dictionary<string, TItem>(items) { [_idOf(item)] = item };
            }
        }
    }

    /// <summary>Keeps the scope listed every poll interval until <paramref name="until"/> (something in it is moving).</summary>
    public void KeepFresh(TScope scope, DateTimeOffset until)
    {
        var listing = _scopes.GetOrAdd(scope, _ => new ScopeListing());
        lock (listing)
        {
            if (until > listing.FreshUntil)
            {
                listing.FreshUntil = until;
            }
        }
    }

    /// <summary>Changes of the item with this id queue <paramref name="key"/> (the work-queue key of the object that manages it).</summary>
    public void Route(string itemId, string key) => _routes[itemId] = key;

    public void Unroute(string itemId) => _routes.TryRemove(itemId, out _);

    /// <summary>Lists every scope kept fresh now, unless a LIST of it started within <paramref name="maxAge"/>.</summary>
    public Task PollAsync(TimeSpan maxAge, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var due = _scopes.Where(s =>
        {
            lock (s.Value)
            {
                return s.Value.FreshUntil > now;
            }
        }).Select(s => s.Key).ToList();
        return Task.WhenAll(due.Select(scope => GetAsync(scope, now - maxAge, cancellationToken)));
    }

    private async Task<IReadOnlyDictionary<string, TItem>> ListAsync(ScopeListing listing, TScope scope, DateTimeOffset started)
    {
        // Let the caller that created this task leave the lock first.
        await Task.Yield();
        try
        {
            var listed = new Dictionary<string, TItem>(StringComparer.Ordinal);
            await foreach (var item in _list(scope, CancellationToken.None))
            {
                listed[_idOf(item)] = item;
            }

            IReadOnlyDictionary<string, TItem>? previous = null;
            var newest = false;
            lock (listing)
            {
                // Two LISTs may overlap; the one that started last has the last word.
                if (listing.Items is null || started >= listing.TakenAt)
                {
                    previous = listing.Items;
                    listing.Items = listed;
                    listing.TakenAt = started;
                    newest = true;
                }
            }

            if (newest)
            {
                NotifyChanges(previous, listed);
            }

            return listed;
        }
        finally
        {
            lock (listing)
            {
                if (listing.RunningSince == started)
                {
                    listing.Running = null;
                }
            }
        }
    }

    private void NotifyChanges(IReadOnlyDictionary<string, TItem>? previous, Dictionary<string, TItem> current)
    {
        if (previous is null || _enqueue is not { } enqueue || _enqueueUrgent is not { } enqueueUrgent)
        {
            return;
        }

        foreach (var (id, item) in current)
        {
            if ((!previous.TryGetValue(id, out var before) || !_sameObservation(before, item)) && _routes.TryGetValue(id, out var key))
            {
                (_settled(item) ? enqueueUrgent : enqueue)(key);
            }
        }

        foreach (var id in previous.Keys)
        {
            if (!current.ContainsKey(id) && _routes.TryGetValue(id, out var key))
            {
                enqueueUrgent(key);
            }
        }
    }

    private sealed class ScopeListing
    {
        public IReadOnlyDictionary<string, TItem>? Items { get; set; }

        public DateTimeOffset TakenAt { get; set; }

        public Task<IReadOnlyDictionary<string, TItem>>? Running { get; set; }

        public DateTimeOffset RunningSince { get; set; }

        public DateTimeOffset FreshUntil { get; set; }
    }
}

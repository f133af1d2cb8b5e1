using NeevCloud.Crds.Projects;
using NeevCloud.Operator.Runtime;
using NeevCloud.Operator.Runtime.Managed;

namespace Operator.Tests.Runtime.Managed;

/// <summary>
/// A kind of the lifecycle with its cloud in memory: resources by id with their creation time, and a create that
/// can fail, fail after it committed, or commit later (what a real cloud does with a create the client gave up on).
/// Every call is recorded, so a test counts calls instead of waiting to see that nothing happened.
/// </summary>
internal sealed class FakeCloudResources(TimeProvider time) : IExternalClient<Project>
{
    private int _next;

    public Dictionary<string, DateTimeOffset> Resources { get; } = [];

    public List<string> Calls { get; } = [];

    public List<ExternalLookup> Lookups { get; } = [];

    /// <summary>The create-pending annotation each create saw when it was called (the intent must come first).</summary>
    public List<DateTimeOffset?> IntentSeenByCreate { get; } = [];

    /// <summary>The finalizers each create saw on the object (its deletion must be covered before it exists).</summary>
    public List<IList<string>> FinalizersSeenByCreate { get; } = [];

    /// <summary>Thrown by the next calls of that name ("observe", "create", "update", "delete"), one per call.</summary>
    public Dictionary<string, Queue<Exception>> Failures { get; } = [];

    /// <summary>A create that throws still makes its resource (now, or when <see cref="CommitLate"/> is called).</summary>
    public bool CreateCommitsDespiteFailure { get; set; }

    public bool CommitOnlyLater { get; set; }

    public Readiness? Waiting { get; set; }

    public Readiness? Blocking { get; set; }

    public bool UpToDate { get; set; } = true;

    public Readiness? AfterDeleted { get; set; }

    /// <summary>Ids the kind retired on purpose (a replacement deleted them) and wants a successor for.</summary>
    public HashSet<string> Retired { get; } = [];

    private string? _uncommitted;

    public int CountOf(string call) => Calls.Count(c => c == call);

    public void Fail(string call, Exception exception)
    {
        if (!Failures.TryGetValue(call, out var queue))
        {
            Failures[call] = queue = new Queue<Exception>();
        }

        queue.Enqueue(exception);
    }

    /// <summary>The create whose answer was lost is committed now.</summary>
    public string CommitLate()
    {
        var id = _uncommitted ?? throw new InvalidOperationException("no create is waiting to commit");
        Resources[id] = time.GetUtcNow();
        _uncommitted = null;
        return id;
    }

    public Readiness? WaitingFor(Project entity) => Waiting;

    public Readiness? DeletionBlockedBy(Project entity) => Blocking;

    public Task<ExternalObservation> ObserveAsync(Project entity, ExternalLookup lookup, CancellationToken cancellationToken)
    {
        Record("observe");
        Lookups.Add(lookup);
        if (lookup.ExternalId is { } id)
        {
            if (Retired.Contains(id))
            {
                return Task.FromResult(ExternalObservation.Successor(Readiness.InProgress("Replacing", $"{id} is retired")));
            }

            return Task.FromResult(Resources.ContainsKey(id) ? Found(id) : ExternalObservation.Missing());
        }

        var made = Resources.Where(r => r.Value >= lookup.CreatedSince).Select(r => r.Key).FirstOrDefault();
        return Task.FromResult(made is null ? ExternalObservation.Missing() : Found(made));
    }

    public Task<ExternalObservation> CreateAsync(Project entity, CancellationToken cancellationToken)
    {
        IntentSeenByCreate.Add(ManagedAnnotations.CreatePendingOf(entity.Metadata));
        FinalizersSeenByCreate.Add([.. entity.Metadata.Finalizers ?? []]);
        var id = $"cloud-{++_next}";
        if (Failures.TryGetValue("create", out var queue) && queue.Count > 0)
        {
            Calls.Add("create");
            if (CreateCommitsDespiteFailure)
            {
                if (CommitOnlyLater)
                {
                    _uncommitted = id;
                }
                else
                {
                    Resources[id] = time.GetUtcNow();
                }
            }

            throw queue.Dequeue();
        }

        Calls.Add("create");
        Resources[id] = time.GetUtcNow();
        return Task.FromResult(Found(id));
    }

    public Task<ExternalObservation> UpdateAsync(Project entity, ExternalObservation observed, CancellationToken cancellationToken)
    {
        Record("update");
        UpToDate = true;
        return Task.FromResult(Found(observed.ExternalId!));
    }

    public Task<ExternalDeletion> DeleteAsync(Project entity, ExternalObservation observed, CancellationToken cancellationToken)
    {
        Record("delete");
        Resources.Remove(observed.ExternalId!);
        return Task.FromResult(new ExternalDeletion(Readiness.InProgress("Deleting", "deleting"), TimeSpan.FromSeconds(2)));
    }

    public Task<Readiness?> AfterDeletedAsync(Project entity, CancellationToken cancellationToken)
    {
        Record("afterDeleted");
        return Task.FromResult(AfterDeleted);
    }

    private void Record(string call)
    {
        Calls.Add(call);
        if (Failures.TryGetValue(call, out var queue) && queue.Count > 0)
        {
            throw queue.Dequeue();
        }
    }

    private ExternalObservation Found(string id) => ExternalObservation.Found(
        id,
        UpToDate ? Readiness.IsReady("Available", "matches") : Readiness.InProgress("Updating", "one step to go"),
        UpToDate);
}

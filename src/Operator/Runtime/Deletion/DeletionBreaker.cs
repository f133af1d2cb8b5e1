using Microsoft.Extensions.Options;
using Prometheus;

namespace NeevCloud.Operator.Runtime.Deletion;

/// <summary>
/// A circuit breaker on cloud deletions, shared by every kind: a burst of deletions (a GitOps prune after a bad
/// merge, a namespace deleted by mistake, a script) is far more often a mistake than a plan, and a deleted VM or
/// disk cannot be brought back. Up to <see cref="DeletionBreakerOptions.MaxDeletes"/> objects may start their cloud
/// deletion within <see cref="DeletionBreakerOptions.Window"/>; the rest are held, each until confirmed by its
/// annotation or until the window has passed both since the deletions that filled it and since the last object
/// that was held for the first time (so a prune that goes on keeps the breaker open).
/// <para>
/// Counted per object, not per call: an object whose deletion was let through is let through on every later pass
/// too. Memory is this replica's; a replica that takes over treats the objects whose status says they were held as
/// held anew, so a handover never lets a held burst through.
/// </para>
/// </summary>
public sealed class DeletionBreaker
{
    private readonly Lock _lock = new();
    private readonly IOptions<DeletionBreakerOptions> _options;
    private readonly TimeProvider _time;
    private readonly Gauge _heldGauge;
    private readonly Counter _heldTotal;

    // When each recent cloud deletion was let through (pruned once out of the window).
    private readonly List<DateTimeOffset> _started = [];

    // Objects whose deletion was let through, until they are gone: later passes of theirs are not counted again.
    private readonly HashSet<string> _passed = new(StringComparer.Ordinal);

    // Objects held now.
    private readonly HashSet<string> _held = new(StringComparer.Ordinal);

    private DateTimeOffset _openUntil = DateTimeOffset.MinValue;

    public DeletionBreaker(IOptions<DeletionBreakerOptions> options, TimeProvider time, IMetricFactory metrics)
    {
        _options = options;
        _time = time;
        _heldGauge = metrics.CreateGauge(
            "neevcloud_deletion_breaker_held_objects",
            "Resources whose cloud deletion the deletion breaker holds now (they wait for the window to pass or for neevcloud.com/confirm-deletion).");
        _heldTotal = metrics.CreateCounter(
            "neevcloud_deletion_breaker_holds_total", "Resources the deletion breaker started holding, by kind.", ["kind"]);
    }

    private DeletionBreakerOptions Options => _options.Value;

    /// <summary>
    /// Whether the object identified by <paramref name="key"/> may send its cloud deletion now. When it may, it
    /// counts from now on. <paramref name="heldBefore"/> says the object's status records an earlier hold (by
    /// this replica or another).
    /// </summary>
    public DeletionAdmission Admit(string key, string kind, bool confirmed, bool heldBefore)
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            var window = Options.Window;
            _started.RemoveAll(at => at <= now - window);
            if (Options.MaxDeletes <= 0 || _passed.Contains(key))
            {
                return DeletionAdmission.Allowed;
            }

            var newlyHeld = !_held.Contains(key);
            if (confirmed || (!IsOpen(now, window) && !(newlyHeld && heldBefore)))
            {
                _held.Remove(key);
                _passed.Add(key);
                _started.Add(now);
                _heldGauge.Set(_held.Count);
                return DeletionAdmission.Allowed;
            }

            if (newlyHeld)
            {
                // A new deletion asked for while the breaker is open (or one a previous replica held): the breaker
                // stays open a whole window from now.
                _held.Add(key);
                _heldTotal.WithLabels(kind).Inc();
                _openUntil = Max(_openUntil, now + window);
                _heldGauge.Set(_held.Count);
            }

            return new DeletionAdmission(false, _started.Count, Max(_openUntil, FullUntil(window)), window, Options.MaxDeletes);
        }
    }

    /// <summary>The object is gone (or let go of): it is neither held nor remembered any more.</summary>
    public void Forget(string key)
    {
        lock (_lock)
        {
            _passed.Remove(key);
            if (_held.Remove(key))
            {
                _heldGauge.Set(_held.Count);
            }
        }
    }

    private bool IsOpen(DateTimeOffset now, TimeSpan window) => now < _openUntil || _started.Count >= Options.MaxDeletes;

    /// <summary>When the deletions counted now no longer fill the window.</summary>
    private DateTimeOffset FullUntil(TimeSpan window)
    {
        if (_started.Count < Options.MaxDeletes)
        {
            return DateTimeOffset.MinValue;
        }

        _started.Sort();
        return _started[_started.Count - Options.MaxDeletes] + window;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}

/// <summary>The breaker's answer: go ahead, or wait until <see cref="HeldUntil"/> (<see cref="Recent"/> deletions started within <see cref="Window"/>, <see cref="Limit"/> allowed).</summary>
public sealed record DeletionAdmission(bool Allow, int Recent, DateTimeOffset HeldUntil, TimeSpan Window, int Limit)
{
    public static readonly DeletionAdmission Allowed = new(true, 0, DateTimeOffset.MinValue, TimeSpan.Zero, 0);
}

namespace NeevCloud.Operator.Runtime;

/// <summary>
/// Whether this process may still change the cloud. Two replicas must never both act on one object: the one
/// that lost its Lease (or is shutting down) may still be in the middle of a pass while the new leader starts
/// its own. So every mutating cloud call passes this fence first, and the fence closes the moment leadership
/// can no longer be vouched for — when the last successful renewal is older than the renew deadline, when the
/// elector reports the Lease lost, or when shutdown begins — not when the process finally exits.
/// A call already sent is not recalled (its answer is still recorded); no new one starts.
/// </summary>
public sealed class WriteFence
{
    private readonly TimeProvider _time;
    private readonly bool _needsGrant;
    private readonly Lock _gate = new();
    private DateTimeOffset? _validUntil;
    private bool _granted;
    private string _closedBecause;

    private WriteFence(TimeProvider time, bool needsGrant, string closedBecause)
    {
        _time = time;
        _needsGrant = needsGrant;
        _closedBecause = closedBecause;
    }

    /// <summary>A fence that is always open: a tool (such as a test of the cloud client) that is not a controller.</summary>
    public static WriteFence AlwaysOpen(TimeProvider? time = null) => new(time ?? TimeProvider.System, needsGrant: false, "");

    /// <summary>A controller's fence: closed until <see cref="Grant"/>, and again after <see cref="Revoke"/>.</summary>
    public static WriteFence ClosedUntilGranted(TimeProvider time) => new(time, needsGrant: true, "this replica is not the leader");

    public bool IsOpen => Why() is null;

    /// <summary>
    /// Opens the fence until <paramref name="validUntil"/> (null: until revoked, for a single replica without
    /// leader election). Each Lease renewal calls it again with a later time.
    /// </summary>
    public void Grant(DateTimeOffset? validUntil)
    {
        lock (_gate)
        {
            _granted = true;
            _validUntil = validUntil;
        }
    }

    /// <summary>Closes the fence for good (until granted again), e.g. "shutting down" or "the Lease was lost".</summary>
    public void Revoke(string because)
    {
        lock (_gate)
        {
            _granted = false;
            _closedBecause = because;
        }
    }

    /// <summary>Throws <see cref="WriteFencedException"/> when a call named <paramref name="operation"/> may not start.</summary>
    public void ThrowIfClosed(string operation)
    {
        if (Why() is { } reason)
        {
            throw new WriteFencedException(operation, reason);
        }
    }

    private string? Why()
    {
        if (!_needsGrant)
        {
            return null;
        }

        lock (_gate)
        {
            if (!_granted)
            {
                return _closedBecause;
            }

            return _validUntil is { } until && _time.GetUtcNow() >= until
                ? "the Lease was last renewed too long ago to be sure this replica still leads"
                : null;
        }
    }
}

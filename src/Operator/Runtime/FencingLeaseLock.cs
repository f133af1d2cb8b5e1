using k8s.LeaderElection;

namespace NeevCloud.Operator.Runtime;

/// <summary>
/// The Lease lock the elector uses, opening the <see cref="WriteFence"/> on every successful acquire or renewal
/// until <c>start + renewDeadline</c>, where start is when the request was sent. Other replicas consider the
/// Lease ours for the lease duration after they saw that write, which is longer than the renew deadline, so the
/// fence closes before anyone else can start. After <see cref="Stop"/> a renewal still in flight opens nothing.
/// </summary>
public sealed class FencingLeaseLock(ILock inner, WriteFence fence, TimeSpan renewDeadline, TimeProvider time) : ILock
{
    private volatile bool _stopped;

    public string Identity => inner.Identity;

    public Task<LeaderElectionRecord> GetAsync(CancellationToken cancellationToken = default) => inner.GetAsync(cancellationToken);

    public Task<bool> CreateAsync(LeaderElectionRecord record, CancellationToken cancellationToken = default) =>
        GrantIfWrittenAsync(() => inner.CreateAsync(record, cancellationToken));

    public Task<bool> UpdateAsync(LeaderElectionRecord record, CancellationToken cancellationToken = default) =>
        GrantIfWrittenAsync(() => inner.UpdateAsync(record, cancellationToken));

    public string Describe() => inner.Describe();

    /// <summary>No renewal opens the fence from now on (shutdown began or the Lease was lost).</summary>
    public void Stop(string because)
    {
        _stopped = true;
        fence.Revoke(because);
    }

    /// <summary>
    /// Hands the Lease on at once on a graceful shutdown (an empty holder that expires in a second), so the next
    /// replica need not wait out the lease duration. Call only after every pass has finished.
    /// </summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var current = await inner.GetAsync(cancellationToken);
        if (current.HolderIdentity != inner.Identity)
        {
            return;
        }

        await inner.UpdateAsync(new LeaderElectionRecord
        {
            HolderIdentity = "",
            LeaseDurationSeconds = 1,
            AcquireTime = now,
            RenewTime = now,
            LeaderTransitions = current.LeaderTransitions,
        }, cancellationToken);
    }

    private async Task<bool> GrantIfWrittenAsync(Func<Task<bool>> write)
    {
        var sent = time.GetUtcNow();
        var written = await write();
        if (written && !_stopped)
        {
            fence.Grant(sent + renewDeadline);
        }

        return written;
    }
}

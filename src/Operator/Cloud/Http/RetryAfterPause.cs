namespace NeevCloud.Operator.Cloud;

/// <summary>
/// A 429 is the API telling the whole credential to slow down, not one request: after one, no call of this
/// process goes out before its Retry-After has passed (1 s when it names none). A call that would have to
/// wait longer than <see cref="NeevCloudRetryOptions.MaxRetryAfter"/> fails at once as RateLimited with the
/// remaining wait, so its caller requeues instead of holding a worker.
/// </summary>
internal sealed class RetryAfterPause(TimeProvider time)
{
    private static readonly TimeSpan Unnamed = TimeSpan.FromSeconds(1);
    private long _untilTicks;

    public DateTimeOffset? PausedUntil
    {
        get
        {
            var ticks = Interlocked.Read(ref _untilTicks);
            return ticks > time.GetUtcNow().UtcTicks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
        }
    }

    /// <summary>Notes a 429 and how long it asked to wait.</summary>
    public void RateLimited(TimeSpan? retryAfter)
    {
        var until = (time.GetUtcNow() + (retryAfter ?? Unnamed)).UtcTicks;
        long current;
        do
        {
            current = Interlocked.Read(ref _untilTicks);
            if (current >= until)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _untilTicks, until, current) != current);
    }

    /// <summary>Waits out a pause of at most <paramref name="longest"/>; a longer one throws RateLimited.</summary>
    public async ValueTask WaitAsync(string operation, TimeSpan longest, CancellationToken cancellationToken)
    {
        if (PausedUntil is not { } until)
        {
            return;
        }

        var wait = until - time.GetUtcNow();
        if (wait > longest)
        {
            throw new NeevCloudApiException(
                operation, CloudErrorKind.RateLimited, null, null,
                $"NeevCloud asked the operator to slow down (429); calls are paused for {Math.Ceiling(wait.TotalSeconds):0} s more",
                retryAfter: wait);
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }
    }
}

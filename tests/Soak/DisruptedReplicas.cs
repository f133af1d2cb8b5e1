using Soak.Tests.OutOfProcess;

namespace Soak.Tests;

/// <summary>
/// The operator under test as a Deployment of several replicas with leader election, out of process. At random
/// intervals one replica (chosen at random, so sometimes the leader, sometimes the standby) is taken down and a
/// new one started in its place, alternately
/// <list type="bullet">
/// <item>SIGKILLed, as an OOM kill or a lost node would: no shutdown hook runs, in-flight calls are cut off, and
/// the standby takes over once the Lease expires;</item>
/// <item>SIGTERMed, as a rolling update does: the leader's write fence closes, its passes finish, it releases
/// the Lease, and the standby takes over at once — the handover in which two replicas overlap.</item>
/// </list>
/// Every incarnation logs to a file of its own.
/// </summary>
internal sealed class DisruptedReplicas : IAsyncDisposable
{
    private static readonly TimeSpan TermGrace = TimeSpan.FromSeconds(20);

    private readonly Func<int, OperatorProcess> _start;
    private readonly Random _dice;
    private readonly TimeSpan _minInterval;
    private readonly TimeSpan _maxInterval;
    private readonly List<string> _logPaths = [];
    private readonly List<TimeSpan> _uptimes = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly OperatorProcess[] _replicas;
    private Task _disrupting = Task.CompletedTask;
    private int _kills;
    private int _terms;
    private bool _disposed;

    /// <param name="start">Starts incarnation n (0, 1, ...).</param>
    /// <param name="replicas">How many run at once.</param>
    /// <param name="dice">Draws the intervals and the victims: a seeded one gives the same schedule again.</param>
    /// <param name="minInterval">Shortest time between two disruptions.</param>
    /// <param name="maxInterval">Longest time between two disruptions.</param>
    public DisruptedReplicas(Func<int, OperatorProcess> start, int replicas, Random dice, TimeSpan minInterval, TimeSpan maxInterval)
    {
        _start = start;
        _dice = dice;
        _minInterval = minInterval;
        _maxInterval = maxInterval;
        _replicas = [.. Enumerable.Range(0, replicas).Select(_ => StartNext())];
    }

    /// <summary>SIGKILLs so far.</summary>
    public int Kills => Volatile.Read(ref _kills);

    /// <summary>Graceful stops (SIGTERM) so far.</summary>
    public int Terms => Volatile.Read(ref _terms);

    /// <summary>How long each replica that was taken down lived.</summary>
    public IReadOnlyList<TimeSpan> Uptimes
    {
        get
        {
            lock (_gate)
            {
                return [.. _uptimes];
            }
        }
    }

    public IReadOnlyList<string> LogPaths
    {
        get
        {
            lock (_gate)
            {
                return [.. _logPaths];
            }
        }
    }

    public void StartDisrupting() => _disrupting = Task.Run(() => DisruptAsync(_stop.Token), CancellationToken.None);

    /// <summary>Ends the disruptions; the replicas running now stay up.</summary>
    public async Task StopDisruptingAsync()
    {
        await _stop.CancelAsync();
        await _disrupting;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await StopDisruptingAsync();
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }

        _stop.Dispose();
    }

    private async Task DisruptAsync(CancellationToken cancellationToken)
    {
        for (var disruption = 0; ; disruption++)
        {
            var wait = _minInterval + ((_maxInterval - _minInterval) * _dice.NextDouble());
            try
            {
                await Task.Delay(wait, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var slot = _dice.Next(_replicas.Length);
            var victim = _replicas[slot];
            if (disruption % 2 == 0)
            {
                await victim.Process.StopAsync(TermGrace);
                Interlocked.Increment(ref _terms);
            }
            else
            {
                await victim.Process.KillAsync();
                Interlocked.Increment(ref _kills);
            }

            lock (_gate)
            {
                _uptimes.Add(DateTimeOffset.UtcNow - victim.Process.StartedAt);
            }

            _replicas[slot] = StartNext();
            await victim.DisposeAsync();
        }
    }

    private OperatorProcess StartNext()
    {
        lock (_gate)
        {
            var incarnation = _start(_logPaths.Count);
            _logPaths.Add(incarnation.Process.LogPath);
            return incarnation;
        }
    }
}

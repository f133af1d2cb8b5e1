using Soak.Tests.OutOfProcess;

namespace Soak.Tests;

/// <summary>
/// The operator under test, out of process, SIGKILLed at random intervals and started again at once,
/// as an OOM kill or a lost node would treat its pod: no shutdown hook runs, in-flight cloud calls and
/// Kubernetes writes are cut off. Every incarnation logs to a file of its own.
/// </summary>
internal sealed class CrashingOperator : IAsyncDisposable
{
    private readonly Func<int, OperatorProcess> _start;
    private readonly Random _dice;
    private readonly TimeSpan _minInterval;
    private readonly TimeSpan _maxInterval;
    private readonly List<string> _logPaths = [];
    private readonly List<TimeSpan> _uptimes = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private OperatorProcess _current;
    private Task _crashing = Task.CompletedTask;
    private bool _disposed;

    /// <param name="start">Starts incarnation n (0, 1, ...).</param>
    /// <param name="dice">Draws the intervals: a seeded one gives the same schedule again.</param>
    /// <param name="minInterval">Shortest life of an incarnation.</param>
    /// <param name="maxInterval">Longest life of an incarnation.</param>
    public CrashingOperator(Func<int, OperatorProcess> start, Random dice, TimeSpan minInterval, TimeSpan maxInterval)
    {
        _start = start;
        _dice = dice;
        _minInterval = minInterval;
        _maxInterval = maxInterval;
        _current = StartNext();
    }

    /// <summary>SIGKILLs so far.</summary>
    public int Kills
    {
        get
        {
            lock (_gate)
            {
                return _uptimes.Count;
            }
        }
    }

    /// <summary>How long each killed incarnation lived.</summary>
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

    public void StartCrashing() => _crashing = Task.Run(() => CrashAsync(_stop.Token), CancellationToken.None);

    /// <summary>Ends the crashes; the incarnation running now stays up.</summary>
    public async Task StopCrashingAsync()
    {
        await _stop.CancelAsync();
        await _crashing;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await StopCrashingAsync();
        await _current.DisposeAsync();
        _stop.Dispose();
    }

    private async Task CrashAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var life = _minInterval + ((_maxInterval - _minInterval) * _dice.NextDouble());
            try
            {
                await Task.Delay(life, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var crashed = _current;
            await crashed.Process.KillAsync();
            lock (_gate)
            {
                _uptimes.Add(DateTimeOffset.UtcNow - crashed.Process.StartedAt);
            }

            _current = StartNext();
            await crashed.DisposeAsync();
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

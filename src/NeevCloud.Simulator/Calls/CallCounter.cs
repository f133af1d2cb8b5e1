using System.Collections.Concurrent;

namespace NeevCloud.Simulator.Calls;

/// <summary>Counts requests per (operation, status the client saw).</summary>
internal sealed class CallCounter
{
    private readonly ConcurrentDictionary<(string Operation, int Status), int> _counts = new();

    public void Record(string operation, int status) => _counts.AddOrUpdate((operation, status), 1, (_, count) => count + 1);

    public void Clear() => _counts.Clear();

    public SimulatorCalls Snapshot() => new(
        [.. _counts
            .OrderBy(pair => pair.Key.Operation, StringComparer.Ordinal)
            .ThenBy(pair => pair.Key.Status)
            .Select(pair => new SimulatorCallCount(pair.Key.Operation, pair.Key.Status, pair.Value))]);
}

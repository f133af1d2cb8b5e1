using NeevCloud.Simulator;

namespace NeevOperator.Bench;

/// <summary>NeevCloud calls by operation between two readings of the simulator's counters (every status counts: each costs quota).</summary>
internal static class CallCounts
{
    public static Dictionary<string, long> Between(SimulatorCalls before, SimulatorCalls after) =>
        after.Calls.Select(c => c.Operation).Distinct()
            .Select(op => (op, Count: (long)after.CountOf(op) - before.CountOf(op)))
            .Where(c => c.Count != 0)
            .OrderBy(c => c.op, StringComparer.Ordinal)
            .ToDictionary(c => c.op, c => c.Count, StringComparer.Ordinal);

    public static Dictionary<string, double> PerMinute(Dictionary<string, long> counts, TimeSpan window) =>
        counts.ToDictionary(c => c.Key, c => Math.Round(c.Value / window.TotalMinutes, 1), StringComparer.Ordinal);
}

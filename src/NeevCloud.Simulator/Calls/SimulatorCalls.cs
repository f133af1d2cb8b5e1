namespace NeevCloud.Simulator;

/// <summary>The answer of <c>GET /_sim/calls</c>, ordered by operation and status.</summary>
public sealed record SimulatorCalls(IReadOnlyList<SimulatorCallCount> Calls)
{
    /// <summary>Requests of an operation, optionally only those answered with <paramref name="status"/>.</summary>
    public int CountOf(string operation, int? status = null) =>
        Calls.Where(c => c.Operation == operation && (status is null || c.Status == status)).Sum(c => c.Count);
}

namespace NeevCloud.Simulator.Faults;

/// <summary>Rules are mutable settings objects: the injector keeps its own copies.</summary>
internal static class FaultRuleCopy
{
    public static SimulatorFaultRule Of(SimulatorFaultRule rule) => new()
    {
        Operation = rule.Operation,
        Probability = rule.Probability,
        Status = rule.Status,
        RetryAfterSeconds = rule.RetryAfterSeconds,
        LatencyMs = rule.LatencyMs,
        LostResponse = rule.LostResponse,
        CommitAfterMs = rule.CommitAfterMs,
        MaxCount = rule.MaxCount,
    };
}

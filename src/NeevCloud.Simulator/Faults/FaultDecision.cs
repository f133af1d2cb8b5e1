namespace NeevCloud.Simulator.Faults;

/// <summary>What a fired rule does to one request.</summary>
internal sealed record FaultDecision(TimeSpan Latency, int? Status, int? RetryAfterSeconds, bool LostResponse, TimeSpan CommitAfter)
{
    public static FaultDecision From(SimulatorFaultRule rule) => new(
        TimeSpan.FromMilliseconds(rule.LatencyMs),
        rule.Status,
        rule.RetryAfterSeconds ?? (rule.Status == 429 ? 1 : null),
        rule.LostResponse,
        TimeSpan.FromMilliseconds(rule.CommitAfterMs));
}

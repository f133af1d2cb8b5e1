namespace NeevCloud.Operator.Tests.Cloud;

/// <summary>One rule of the simulator's PUT /_sim/faults (operation = operationId or "*"; no status = latency only).</summary>
internal sealed record FaultRule(
    string Operation,
    int? Status = 503,
    double Probability = 1.0,
    int? RetryAfterSeconds = null,
    int LatencyMs = 0,
    bool LostResponse = false,
    int? MaxCount = null);

namespace NeevCloud.Simulator;

/// <summary>
/// One fault rule. With a <see cref="Status"/> the request is not executed and that status is answered (429 with a
/// Retry-After header). With <see cref="LostResponse"/> the request is executed and its answer replaced by
/// <see cref="Status"/>, or 502 when no status is given. With <see cref="CommitAfterMs"/> the request is held and then
/// executed even if the client gave up meanwhile. With none of these it only adds <see cref="LatencyMs"/>.
/// Latency comes first in every case.
/// </summary>
public sealed class SimulatorFaultRule
{
    /// <summary>An operationId (getVM, createVM, login, ...) or <c>*</c> for every operation.</summary>
    public string Operation { get; set; } = "*";

    /// <summary>Chance that the rule fires for a matching request, 0 to 1; 1 fires every time without rolling dice.</summary>
    public double Probability { get; set; } = 1.0;

    /// <summary>The status to answer (any 4xx or 5xx): instead of executing the request, or, with <see cref="LostResponse"/>, after it.</summary>
    public int? Status { get; set; }

    /// <summary>Retry-After in seconds; a 429 without it says 1.</summary>
    public int? RetryAfterSeconds { get; set; }

    /// <summary>Real-time delay before the request is handled (never the simulated clock).</summary>
    public int LatencyMs { get; set; }

    /// <summary>Execute the request, then drop its answer: the client gets a 502 (or <see cref="Status"/>) although the change was made.</summary>
    public bool LostResponse { get; set; }

    /// <summary>
    /// Hold the request this long (real time) and then execute it whatever the client did meanwhile, as a real
    /// server does with a request it has received: a client whose own timeout is shorter gives up, and the change
    /// is still made. Unlike <see cref="LatencyMs"/>, a client that goes away does not cancel it.
    /// </summary>
    public int CommitAfterMs { get; set; }

    /// <summary>The rule stops firing after this many times; null for no limit.</summary>
    public int? MaxCount { get; set; }
}

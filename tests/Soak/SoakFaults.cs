using NeevCloud.Simulator;

namespace Soak.Tests;

/// <summary>
/// The simulator's faults for the whole soak. The simulator lets the first rule that fires decide, so
/// the probabilities below are conditional on the rules before them; overall, 2 % of creates are
/// executed with their answer lost, 3 % of the rest committed 8 s late (after the client gave up), 5 % of calls answer 429 with Retry-After, 10 % a 5xx, and the
/// rest wait 0 to 2 s (in 250 ms steps, evenly) before they are served.
/// </summary>
internal static class SoakFaults
{
    private const int LatencySteps = 8;
    private const int LatencyStepMs = 250;

    public static SimulatorFaults For(int seed)
    {
        List<SimulatorFaultRule> rules =
        [
            // The one fault that can duplicate a resource: the create happened, the operator never heard.
            new() { Operation = "createVM", Probability = 0.02, LostResponse = true },
            new() { Operation = "createProject", Probability = 0.02, LostResponse = true },
            // What real clouds do: the client gives up (its 5 s attempt timeout), the create is committed later.
            new() { Operation = "createVM", Probability = 0.03, CommitAfterMs = 8_000 },
            new() { Operation = "createProject", Probability = 0.03, CommitAfterMs = 8_000 },
            new() { Operation = "*", Probability = 0.05, Status = 429, RetryAfterSeconds = 1 },
            new() { Operation = "*", Probability = 0.10 / 0.95, Status = 503 },
        ];
        // Latencies LatencySteps × 250 ms down to 250 ms, each as likely as no latency at all.
        for (var step = LatencySteps; step >= 1; step--)
        {
            rules.Add(new() { Operation = "*", Probability = 1.0 / (step + 1), LatencyMs = step * LatencyStepMs });
        }

        return new SimulatorFaults { Seed = seed, Rules = rules };
    }

    /// <summary>A rule as the report names it.</summary>
    public static string Describe(string operation, bool lostResponse, int? status, int latencyMs, int commitAfterMs, double probability) =>
        (lostResponse ? $"{operation}: executed, answer lost"
            : commitAfterMs > 0 ? $"{operation}: committed {commitAfterMs} ms late, after the client gave up"
            : status is int code ? $"{operation}: answered {code}"
            : $"{operation}: +{latencyMs} ms") + $" (p={probability:0.###} of the calls that reach the rule)";
}

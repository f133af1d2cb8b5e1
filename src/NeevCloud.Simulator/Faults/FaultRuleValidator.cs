using NeevCloud.Simulator.Endpoints;

namespace NeevCloud.Simulator.Faults;

/// <summary>Checks fault rules; each problem names the rule by its index.</summary>
internal static class FaultRuleValidator
{
    private const int MaxLatencyMs = 600_000;

    public static IReadOnlyList<string> Validate(SimulatorFaults? faults)
    {
        var problems = new List<string>();
        if (faults?.Rules is not { } rules)
        {
            return problems;
        }

        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var at = $"rules[{i}]";
            if (rule is null)
            {
                problems.Add($"{at} is null");
                continue;
            }

            if (rule.Operation != "*" && !ApiOperations.All.Contains(rule.Operation))
            {
                problems.Add($"{at}.operation '{rule.Operation}' is neither '*' nor one of {string.Join(", ", ApiOperations.All)}");
            }

            if (double.IsNaN(rule.Probability) || rule.Probability is < 0 or > 1)
            {
                problems.Add($"{at}.probability must be between 0 and 1");
            }

            if (rule.Status is { } status && status is < 400 or > 599)
            {
                problems.Add($"{at}.status must be a 4xx or 5xx status");
            }

            if (rule.RetryAfterSeconds is < 0)
            {
                problems.Add($"{at}.retry_after_seconds must not be negative");
            }

            if (rule.LatencyMs is < 0 or > MaxLatencyMs)
            {
                problems.Add($"{at}.latency_ms must be between 0 and {MaxLatencyMs}");
            }

            if (rule.CommitAfterMs is < 0 or > MaxLatencyMs)
            {
                problems.Add($"{at}.commit_after_ms must be between 0 and {MaxLatencyMs}");
            }

            if (rule.CommitAfterMs > 0 && (rule.Status is not null || rule.LostResponse))
            {
                problems.Add($"{at}.commit_after_ms cannot be combined with status or lost_response: the request is executed and answered");
            }

            if (rule.MaxCount is < 1)
            {
                problems.Add($"{at}.max_count must be at least 1 when set");
            }
        }

        return problems;
    }
}

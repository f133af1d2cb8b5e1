namespace NeevCloud.Simulator.Faults;

/// <summary>
/// Holds the active fault rules and decides, per request, which one fires. Rules are tried in order; a rule that
/// has fired <c>max_count</c> times is skipped; a probability of 1 fires without touching the dice, so such rules
/// are deterministic whatever the seed. One seeded generator behind a lock: the same seed and the same sequence of
/// requests give the same faults.
/// </summary>
internal sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly int? _defaultSeed;
    private List<FiredRule> _rules = [];
    private Random _dice = new();

    public FaultInjector(SimulatorOptions options)
    {
        _defaultSeed = options.Seed;
        Replace(options.Faults);
    }

    /// <summary>Replaces every rule (and their fired counts) and reseeds the dice. The rules must be valid.</summary>
    public void Replace(SimulatorFaults? faults)
    {
        var rules = (faults?.Rules ?? []).Select(rule => new FiredRule(FaultRuleCopy.Of(rule))).ToList();
        var seed = faults?.Seed ?? _defaultSeed;
        lock (_gate)
        {
            _rules = rules;
            _dice = seed is int s ? new Random(s) : new Random();
        }
    }

    public void Clear() => Replace(null);

    /// <summary>The rules in force and how often each has fired.</summary>
    public IReadOnlyList<FiredRule> Snapshot()
    {
        lock (_gate)
        {
            return [.. _rules.Select(r => new FiredRule(FaultRuleCopy.Of(r.Rule)) { Fired = r.Fired })];
        }
    }

    /// <summary>The decision of the first rule that fires for this operation, or null.</summary>
    public FaultDecision? Decide(string operation)
    {
        lock (_gate)
        {
            foreach (var active in _rules)
            {
                var rule = active.Rule;
                if ((rule.Operation != "*" && rule.Operation != operation) || active.Fired >= (rule.MaxCount ?? int.MaxValue))
                {
                    continue;
                }

                var fires = rule.Probability >= 1 || (rule.Probability > 0 && _dice.NextDouble() < rule.Probability);
                if (fires)
                {
                    active.Fired++;
                    return FaultDecision.From(rule);
                }
            }

            return null;
        }
    }
}

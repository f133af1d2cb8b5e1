namespace NeevCloud.Simulator;

/// <summary>
/// The body of <c>PUT /_sim/faults</c> and the <c>Simulator:Faults</c> setting: a seed for the dice and the rules,
/// tried in order for every request that reaches an API operation; the first rule that fires decides.
/// </summary>
public sealed class SimulatorFaults
{
    /// <summary>Seeds the dice of rules with a probability below 1; <see cref="SimulatorOptions.Seed"/> when not set.</summary>
    public int? Seed { get; set; }

    public List<SimulatorFaultRule> Rules { get; set; } = [];
}

namespace NeevCloud.Simulator.Faults;

/// <summary>A rule in force and how often it has fired.</summary>
internal sealed class FiredRule(SimulatorFaultRule rule)
{
    public SimulatorFaultRule Rule { get; } = rule;

    public int Fired { get; set; }
}

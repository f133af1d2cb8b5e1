namespace NeevCloud.Simulator;

/// <summary>The answer of <c>GET /_sim/state</c>: everything the simulator holds, lifecycle advanced to now.</summary>
public sealed record SimulatorState(
    DateTimeOffset Now,
    IReadOnlyList<SimulatorProjectState> Projects,
    IReadOnlyList<SimulatorVmState> Vms,
    IReadOnlyList<SimulatorVolumeState> Volumes);

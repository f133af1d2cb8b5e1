namespace NeevCloud.Simulator;

/// <summary>The answer of <c>GET /_sim/catalog</c>: the ids requests may use.</summary>
public sealed record SimulatorCatalog(
    IReadOnlyList<string> Organizations,
    IReadOnlyList<string> Regions,
    IReadOnlyList<string> VmConfigs,
    IReadOnlyList<string> Plans,
    IReadOnlyList<string> Images);

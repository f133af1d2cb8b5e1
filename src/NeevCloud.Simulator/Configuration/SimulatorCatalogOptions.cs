namespace NeevCloud.Simulator;

/// <summary>
/// The ids the simulator knows. Requests naming an organization, region or image that is not listed answer 404,
/// an unknown VM configuration or plan answers 400. An empty list means the default list of
/// <see cref="SimulatorDefaults"/> (configuration binding appends to a list that already has items, so the
/// defaults are applied after binding instead of being pre-filled).
/// </summary>
public sealed class SimulatorCatalogOptions
{
    public List<string> Organizations { get; set; } = [];

    public List<string> Regions { get; set; } = [];

    public List<string> VmConfigs { get; set; } = [];

    public List<string> Plans { get; set; } = [];

    public List<string> Images { get; set; } = [];
}

namespace NeevCloud.Simulator.Domain;

/// <summary>The catalog in effect: the configured lists, each falling back to its default when left empty.</summary>
internal sealed record Catalog(
    IReadOnlyList<string> Organizations,
    IReadOnlyList<string> Regions,
    IReadOnlyList<string> VmConfigs,
    IReadOnlyList<string> Plans,
    IReadOnlyList<string> Images)
{
    public static Catalog From(SimulatorCatalogOptions? options) => new(
        OrDefault(options?.Organizations, SimulatorDefaults.Organizations),
        OrDefault(options?.Regions, SimulatorDefaults.Regions),
        OrDefault(options?.VmConfigs, SimulatorDefaults.VmConfigs),
        OrDefault(options?.Plans, SimulatorDefaults.Plans),
        OrDefault(options?.Images, SimulatorDefaults.Images));

    public bool HasOrganization(string id) => Organizations.Contains(id, StringComparer.Ordinal);

    public bool HasRegion(string id) => Regions.Contains(id, StringComparer.Ordinal);

    public bool HasVmConfig(string id) => VmConfigs.Contains(id, StringComparer.Ordinal);

    public bool HasPlan(string id) => Plans.Contains(id, StringComparer.Ordinal);

    public bool HasImage(string id) => Images.Contains(id, StringComparer.Ordinal);

    private static IReadOnlyList<string> OrDefault(List<string>? configured, IReadOnlyList<string> defaults) =>
        configured is { Count: > 0 } ? [.. configured] : defaults;
}

namespace NeevCloud.Simulator;

/// <summary>A project as the simulator holds it, with the counts that block its deletion.</summary>
public sealed record SimulatorProjectState(
    string Id,
    string OrgId,
    string Name,
    string? Description,
    string Status,
    int ApiKeys,
    int Airuntimes,
    int ExtraStorageVolumes,
    DateTimeOffset CreatedAt);

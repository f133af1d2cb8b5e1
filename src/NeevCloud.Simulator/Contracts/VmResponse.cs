using System.Text.Json.Serialization;

namespace NeevCloud.Simulator.Contracts;

/// <summary>VMResponse. The fields the API declares nullable are always sent, as null when empty.</summary>
internal sealed record VmResponse(
    string Id,
    string Name,
    string RegionId,
    bool DeleteRootDisk,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Message,
    string VmConfigId,
    int GpuConfigCount,
    string PlanId,
    string ImageId,
    DiskResponse RootDisk,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] IReadOnlyList<DiskResponse>? DataDisks,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? PublicIp,
    IReadOnlyList<ExposedPort> ExposedPorts,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

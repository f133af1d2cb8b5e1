using System.Text.Json.Serialization;

namespace NeevCloud.Simulator.Contracts;

/// <summary>RootDiskVolumeResponse.</summary>
internal sealed record RootDiskVolumeResponse(
    string Id,
    string Name,
    string OrgId,
    string ProjectId,
    string Region,
    int SizeGb,
    string ImageId,
    string VolumeMode,
    string PlanId,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Message,
    bool IsAttached,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? VmId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

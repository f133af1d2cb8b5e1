using System.Text.Json.Serialization;

namespace NeevCloud.Simulator.Contracts;

/// <summary>The <c>details</c> of deleteProject's 409 (the API spells the second one <c>airuntimes</c>).</summary>
internal sealed record ProjectResourceCounts(int ApiKeys, int Airuntimes, int StorageVolumes)
{
    [JsonIgnore]
    public int Total => ApiKeys + Airuntimes + StorageVolumes;
}

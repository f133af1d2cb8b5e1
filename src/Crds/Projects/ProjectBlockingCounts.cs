using System.Text.Json.Serialization;

namespace NeevCloud.Crds.Projects;

/// <summary>The counts of cloud resources in a project that NeevCloud reported when it refused to delete it.</summary>
public sealed class ProjectBlockingCounts
{
    /// <summary>API keys associated with the project.</summary>
    [JsonPropertyName("apiKeys")]
    public int ApiKeys { get; set; }

    /// <summary>AI runtime instances in the project.</summary>
    [JsonPropertyName("airuntimes")]
    public int Airuntimes { get; set; }

    /// <summary>Storage volumes in the project.</summary>
    [JsonPropertyName("storageVolumes")]
    public int StorageVolumes { get; set; }
}

using System.Text.Json.Serialization;

namespace NeevCloud.Operator.Cloud;

/// <summary>The details of deleteProject's 409: what still lives in the project and blocks its deletion.</summary>
public sealed record ProjectResourceCounts(
    int ApiKeys,
    [property: JsonPropertyName("airuntimes")] int AiRuntimes,
    int StorageVolumes);

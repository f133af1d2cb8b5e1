using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace NeevCloud.Operator.Runtime;

/// <summary>The list envelope the API server returns for custom resources.</summary>
public sealed class EntityList<TEntity> : IKubernetesObject<V1ListMeta>, IItems<TEntity>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<TEntity> Items { get; set; } = [];
}

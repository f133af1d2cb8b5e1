using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace NeevCloud.Crds;

/// <summary>
/// Base of the operator's custom resources, shaped like KubeOps's entity base: metadata, a spec the
/// user owns and a status the operator owns. apiVersion and kind are filled in from the derived
/// class's <see cref="KubernetesEntityAttribute"/>, because the API server rejects a body without them.
/// </summary>
public abstract class CustomKubernetesEntity<TSpec, TStatus> : IKubernetesObject<V1ObjectMeta>, ISpec<TSpec>, IStatus<TStatus>
    where TSpec : new()
    where TStatus : new()
{
    private static readonly ConcurrentDictionary<Type, KubernetesEntityAttribute> EntityAttributes = new();

    protected CustomKubernetesEntity()
    {
        var entity = EntityAttributes.GetOrAdd(GetType(), static type =>
            type.GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new InvalidOperationException($"{type} lacks [KubernetesEntity]"));
        ApiVersion = $"{entity.Group}/{entity.ApiVersion}";
        Kind = entity.Kind;
    }

    /// <summary>
    /// APIVersion defines the versioned schema of this representation of an object. Servers should
    /// convert recognized schemas to the latest internal value, and may reject unrecognized values.
    /// </summary>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; }

    /// <summary>
    /// Kind is a string value representing the REST resource this object represents. Servers may
    /// infer this from the endpoint the client submits requests to. In CamelCase.
    /// </summary>
    [JsonPropertyName("kind")]
    public string Kind { get; set; }

    /// <summary>Standard object metadata.</summary>
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    // No XML summary on purpose: the schema description of spec and status comes from the summary
    // of TSpec and TStatus, which says what they mean for each resource.
    [JsonPropertyName("spec")]
    public TSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public TStatus Status { get; set; } = new();
}

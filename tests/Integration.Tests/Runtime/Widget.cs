using System.Text.Json.Serialization;
using k8s.Models;
using NeevCloud.Crds;

namespace Integration.Tests.Runtime;

/// <summary>A minimal resource for exercising the controller runtime on a real API server.</summary>
[KubernetesEntity(Group = "runtime.neev.test", ApiVersion = "v1", Kind = "Widget", PluralName = "widgets")]
public sealed class Widget : CustomKubernetesEntity<WidgetSpec, WidgetStatus>;

public sealed class WidgetSpec
{
    [JsonPropertyName("size")]
    public int Size { get; set; }
}

public sealed class WidgetStatus : IConditionedStatus
{
    [JsonPropertyName("observedSize")]
    public int? ObservedSize { get; set; }

    [JsonPropertyName("conditions")]
    public IList<V1Condition> Conditions { get; set; } = [];

    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }
}

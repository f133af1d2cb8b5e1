using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Integration.Tests.Chart;

/// <summary>The objects of one helm template output, typed where KubernetesClient has a model.</summary>
internal sealed class RenderedChart
{
    // KubernetesClient has no model of the Prometheus Operator's kind; it is read as plain data.
    private static readonly Dictionary<string, Type> UnmodelledKinds = new(StringComparer.Ordinal)
    {
        ["monitoring.coreos.com/v1/ServiceMonitor"] = typeof(Dictionary<string, object>),
        ["monitoring.coreos.com/v1/PrometheusRule"] = typeof(PrometheusRuleData),
    };

    private RenderedChart(string yaml, IReadOnlyList<object> objects)
    {
        Yaml = yaml;
        Objects = objects;
    }

    public string Yaml { get; }

    public IReadOnlyList<object> Objects { get; }

    public V1Deployment Deployment => Assert.Single(All<V1Deployment>());

    public V1PodSpec PodSpec => Deployment.Spec.Template.Spec;

    public V1Container Container => Assert.Single(PodSpec.Containers);

    /// <summary>Every object's metadata (ServiceMonitors excluded: they are plain data here).</summary>
    public IEnumerable<(string Kind, V1ObjectMeta Metadata)> Metadata =>
        All<IKubernetesObject<V1ObjectMeta>>().Select(o => (o.Kind, o.Metadata));

    public IEnumerable<JsonNode> ServiceMonitors =>
        All<Dictionary<string, object>>().Select(map => JsonSerializer.SerializeToNode(map)!);

    public IEnumerable<JsonNode> PrometheusRules => All<PrometheusRuleData>().Select(map => JsonSerializer.SerializeToNode<Dictionary<string, object>>(map)!);

    public static RenderedChart Parse(string yaml) => new(yaml, KubernetesYaml.LoadAllFromString(yaml, UnmodelledKinds));

    public IEnumerable<T> All<T>() => Objects.OfType<T>();
}

/// <summary>A PrometheusRule as plain data (a type of its own, so it is not taken for a ServiceMonitor).</summary>
internal sealed class PrometheusRuleData : Dictionary<string, object>;

using NeevCloud.Crds;
using Prometheus;

namespace NeevCloud.Operator.Runtime.Managed;

/// <summary>
/// A gauge per stalled object (<c>neevcloud_resource_stalled{kind, namespace, name, reason} 1</c>), for alerts on
/// resources that will not get better by themselves. Set after every pass from the object's own Stalled condition,
/// removed once it is no longer stalled or is gone.
/// </summary>
public sealed class StalledResources(IMetricFactory metrics)
{
    private readonly Gauge _stalled = metrics.CreateGauge(
        "neevcloud_resource_stalled", "1 for each NeevCloud resource whose Stalled condition is True, with its reason.", ["kind", "namespace", "name", "reason"]);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, string[]> _reported = new(StringComparer.Ordinal);

    public void Track(IManagedResource entity, bool gone = false)
    {
        var key = $"{entity.Kind}/{entity.Metadata.NamespaceProperty}/{entity.Metadata.Name}";
        var stalled = gone ? null : Conditions.Find(entity.ManagedStatus.Conditions, ConditionTypes.Stalled) is { Status: "True" } s ? s : null;
        lock (_lock)
        {
            var labels = stalled is null ? null : new[] { entity.Kind, entity.Metadata.NamespaceProperty ?? "", entity.Metadata.Name, stalled.Reason };
            if (_reported.TryGetValue(key, out var before) && (labels is null || !before.SequenceEqual(labels)))
            {
                _stalled.RemoveLabelled(before);
                _reported.Remove(key);
            }

            if (labels is not null)
            {
                _stalled.WithLabels(labels).Set(1);
                _reported[key] = labels;
            }
        }
    }
}

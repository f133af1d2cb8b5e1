using System.Text.Json.Serialization;
using k8s.Models;
using NeevCloud.Crds.Attributes;

namespace NeevCloud.Crds;

/// <summary>The part every status shares: kstatus conditions and the generation they describe.</summary>
public abstract class ConditionedStatus : IManagedStatus
{
    /// <summary>
    /// The metadata.generation of the spec this status describes; until it equals
    /// metadata.generation the conditions speak about an older spec.
    /// </summary>
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }

    /// <summary>
    /// The deletion policy in effect: spec.deletionPolicy, else Orphan for a resource adopted by its cloud id and
    /// Delete for one the operator created.
    /// </summary>
    [JsonPropertyName("deletionPolicy")]
    public DeletionPolicy? DeletionPolicy { get; set; }

    /// <summary>Ready, Reconciling and Stalled (kstatus), one entry per type, each with the generation it was computed for.</summary>
    [JsonPropertyName("conditions")]
    [ListType(ListType.Map)]
    [ListMapKeys("type")]
    public IList<V1Condition> Conditions { get; set; } = [];
}

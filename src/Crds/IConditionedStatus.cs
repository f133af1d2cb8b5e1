using k8s.Models;

namespace NeevCloud.Crds;

/// <summary>
/// What every status of this operator has, so the runtime can set conditions and the observed
/// generation without knowing the resource. The CRDs validate conditions with the schema of
/// metav1.Condition: type, status, reason (CamelCase), message (may be empty, not null) and
/// lastTransitionTime are required, or the status write is rejected.
/// </summary>
public interface IConditionedStatus
{
    /// <summary>kstatus conditions (Ready, Reconciling, Stalled), one per type.</summary>
    IList<V1Condition> Conditions { get; set; }

    /// <summary>The metadata.generation of the spec this status describes.</summary>
    long? ObservedGeneration { get; set; }
}

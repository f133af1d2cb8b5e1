using k8s;
using k8s.Models;

namespace NeevCloud.Crds;

/// <summary>
/// What the operator's one managed-resource lifecycle needs of a resource, whatever its kind: its deletion
/// policy, the cloud id its spec names (if it adopts one), the id an earlier version of the operator
/// recorded in status, and the status it reports conditions in. Implemented explicitly, so none of it shows
/// up in the resource's JSON or schema.
/// </summary>
public interface IManagedResource : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The deletion policy in effect: the spec's, else Orphan for an adopted resource and Delete for one the operator creates.</summary>
    DeletionPolicy DeletionPolicy { get; }

    ManagementPolicy ManagementPolicy { get; }

    /// <summary>spec.deletionProtection: a deletion waits, making no cloud call, while it is true.</summary>
    bool DeletionProtection { get; }

    /// <summary>The cloud id the spec names to adopt (spec.projectId, spec.diskId), or null when the operator creates the resource.</summary>
    string? SpecifiedExternalId { get; }

    /// <summary>The cloud id recorded in status (status.projectId, status.vmId); the metadata annotation is the record that counts.</summary>
    string? StatusExternalId { get; }

    IManagedStatus ManagedStatus { get; }
}

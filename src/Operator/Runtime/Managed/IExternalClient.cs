using NeevCloud.Crds;

namespace NeevCloud.Operator.Runtime.Managed;

/// <summary>
/// The kind-specific half of a managed resource: how one kind talks to the cloud. The lifecycle around it —
/// pause, policies, the create intent and the external id, fencing, failures as conditions, requeue cadence —
/// is <see cref="ManagedReconciler{TEntity}"/>'s, the same for every kind. Each method does one thing and
/// throws on failure (a <see cref="FailureException"/> when the kind knows what the answer means).
/// </summary>
public interface IExternalClient<in TEntity>
    where TEntity : IManagedResource
{
    /// <summary>
    /// What must hold before the cloud is asked anything outside deletion (its Project is Ready, the disk it
    /// attaches exists), checked from the caches without a cloud call; the conditions to report while it does
    /// not hold, or null. A kind whose resource already exists usually needs nothing.
    /// </summary>
    Readiness? WaitingFor(TEntity entity);

    /// <summary>What in the cluster still depends on this object and so holds its deletion (whatever its policy), or null.</summary>
    Readiness? DeletionBlockedBy(TEntity entity);

    /// <summary>Looks the resource up (by id, or as the one this object's own create may have made) and reports it in status.</summary>
    Task<ExternalObservation> ObserveAsync(TEntity entity, ExternalLookup lookup, CancellationToken cancellationToken);

    /// <summary>Creates the resource; returns what the cloud answered, with its id.</summary>
    Task<ExternalObservation> CreateAsync(TEntity entity, CancellationToken cancellationToken);

    /// <summary>Takes one step towards the spec for a resource that is not up to date; returns it as the cloud answered.</summary>
    Task<ExternalObservation> UpdateAsync(TEntity entity, ExternalObservation observed, CancellationToken cancellationToken);

    /// <summary>Asks the cloud to delete an existing resource (or sees that it already is being deleted).</summary>
    Task<ExternalDeletion> DeleteAsync(TEntity entity, ExternalObservation observed, CancellationToken cancellationToken);

    /// <summary>
    /// Called once the cloud resource is gone, before the finalizer is removed (e.g. to record a disk that
    /// outlives its VM); the conditions to report while that is not done yet, or null.
    /// </summary>
    Task<Readiness?> AfterDeletedAsync(TEntity entity, CancellationToken cancellationToken);
}

using k8s;
using k8s.Models;

namespace NeevCloud.Operator.Runtime;

/// <summary>
/// Writes an object's annotations, guarded by the resourceVersion it was read at, and puts the kind's finalizer on
/// it in the same write when it lacks one: what is recorded before a create (the intent) is then covered by the
/// deletion handling from the moment it exists, without a write of its own for the finalizer.
/// </summary>
public interface IMetadataWriter<TEntity>
    where TEntity : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The finalizer every write of this writer makes sure of.</summary>
    string Finalizer { get; }

    /// <summary>
    /// Sets each annotation to its value, or removes it when the value is null (none: only the finalizer), adds
    /// <see cref="Finalizer"/> unless the object has it or is being deleted, and returns the object as stored.
    /// Throws <see cref="StaleObjectException"/> when the object changed (or went) since it was read: the write
    /// must then not happen, because it was decided on an old copy.
    /// </summary>
    Task<TEntity> PatchAnnotationsAsync(TEntity entity, IReadOnlyDictionary<string, string?> annotations, CancellationToken cancellationToken);
}

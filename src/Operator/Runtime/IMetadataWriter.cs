using k8s;
using k8s.Models;

namespace NeevCloud.Operator.Runtime;

/// <summary>Writes an object's annotations, guarded by the resourceVersion it was read at.</summary>
public interface IMetadataWriter<TEntity>
    where TEntity : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>
    /// Sets each annotation to its value, or removes it when the value is null, and returns the object as stored.
    /// Throws <see cref="StaleObjectException"/> when the object changed (or went) since it was read: the write
    /// must then not happen, because it was decided on an old copy.
    /// </summary>
    Task<TEntity> PatchAnnotationsAsync(TEntity entity, IReadOnlyDictionary<string, string?> annotations, CancellationToken cancellationToken);
}

using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace NeevCloud.Operator.Runtime;

/// <summary>
/// Writes annotations (and the finalizer, when missing) through the API server with the resourceVersion as
/// precondition, and keeps the result in the cache so the next pass does not act on the copy from before the write.
/// </summary>
public sealed class EntityMetadataWriter<TEntity>(EntityClient<TEntity> client, EntityCache<TEntity> cache, string finalizer) : IMetadataWriter<TEntity>
    where TEntity : class, IKubernetesObject<V1ObjectMeta>
{
    public string Finalizer => finalizer;

    public async Task<TEntity> PatchAnnotationsAsync(
        TEntity entity, IReadOnlyDictionary<string, string?> annotations, CancellationToken cancellationToken)
    {
        var finalizers = entity.Metadata.Finalizers ?? [];
        var withFinalizer = entity.Metadata.DeletionTimestamp is null && !finalizers.Contains(finalizer) ? [.. finalizers, finalizer] : (IList<string>?)null;
        try
        {
            var updated = await client.PatchMetadataAsync(entity, annotations, withFinalizer, cancellationToken);
            cache.Upsert(updated);
            return updated;
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NotFound)
        {
            throw new StaleObjectException(ObjectKey.Of(entity), ex);
        }
    }
}

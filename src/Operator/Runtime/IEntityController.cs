using k8s;
using k8s.Models;

namespace NeevCloud.Operator.Runtime;

/// <summary>
/// Brings one object's world in line with its spec (KubeOps's shape). Called with a private
/// copy of the cached object that carries the finalizer; changes to its status are written
/// through the status subresource when they differ from what is stored. Never sleeps: to look
/// again later, return <see cref="ReconcileResult.After"/>.
/// </summary>
public interface IEntityController<in TEntity>
    where TEntity : IKubernetesObject<V1ObjectMeta>
{
    Task<ReconcileResult> ReconcileAsync(TEntity entity, CancellationToken cancellationToken);
}

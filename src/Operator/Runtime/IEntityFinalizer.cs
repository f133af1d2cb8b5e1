using k8s;
using k8s.Models;

namespace NeevCloud.Operator.Runtime;

/// <summary>
/// Cleans up outside Kubernetes before a deleted object may go (KubeOps's shape). The runtime
/// removes the finalizer only after <see cref="FinalizeResult.Done"/>; status changes made here
/// (why deletion is blocked) are written like a reconcile's.
/// </summary>
public interface IEntityFinalizer<in TEntity>
    where TEntity : IKubernetesObject<V1ObjectMeta>
{
    Task<FinalizeResult> FinalizeAsync(TEntity entity, CancellationToken cancellationToken);
}

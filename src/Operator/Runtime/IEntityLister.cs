using k8s;
using k8s.Models;

namespace NeevCloud.Operator.Runtime;

/// <summary>Every object of one kind the operator knows (its watch cache).</summary>
public interface IEntityLister<out TEntity>
    where TEntity : IKubernetesObject<V1ObjectMeta>
{
    IReadOnlyCollection<TEntity> List();
}

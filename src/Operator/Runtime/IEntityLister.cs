using k8s;
using k8s.Models;

namespace NeevCloud.Operator.Runtime;

/// <summary>Every object of one kind the operator knows (its watch cache).</summary>
public interface IEntityLister<TEntity>
    where TEntity : IKubernetesObject<V1ObjectMeta>
{
    IReadOnlyCollection<TEntity> List();

    /// <summary>The objects found under <paramref name="value"/> in <paramref name="index"/>, without looking at the others.</summary>
    IReadOnlyCollection<TEntity> ListBy(EntityIndex<TEntity> index, string value);
}

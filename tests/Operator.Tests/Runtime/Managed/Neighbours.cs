using k8s;
using k8s.Models;
using NeevCloud.Operator.Runtime;

namespace Operator.Tests.Runtime.Managed;

/// <summary>The other objects of the kind in the cluster, as a test sets them.</summary>
internal sealed class Neighbours<TEntity> : IEntityLister<TEntity>
    where TEntity : IKubernetesObject<V1ObjectMeta>
{
    public List<TEntity> Objects { get; } = [];

    public IReadOnlyCollection<TEntity> List() => Objects;

    public IReadOnlyCollection<TEntity> ListBy(EntityIndex<TEntity> index, string value) =>
        [.. Objects.Where(o => index.ValuesOf(o).Contains(value, StringComparer.Ordinal))];
}

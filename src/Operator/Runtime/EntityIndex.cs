using k8s;
using k8s.Models;

namespace NeevCloud.Operator.Runtime;

/// <summary>
/// A question asked of a kind's cache often enough that scanning every object each time would cost O(N) per pass
/// (which objects name this cloud id, which VMs belong to this Project): each object's answers, kept up to date
/// with the cache, like client-go's indexers. Two indexes are the same when they are the same instance.
/// </summary>
/// <param name="Name">What it answers, for logs and debugging.</param>
/// <param name="ValuesOf">The values an object is found under (none: it is found under none).</param>
public sealed record EntityIndex<TEntity>(string Name, Func<TEntity, IEnumerable<string>> ValuesOf)
    where TEntity : IKubernetesObject<V1ObjectMeta>
{
    // By instance: two indexes with the same name but other functions must not share entries.
    public bool Equals(EntityIndex<TEntity>? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
}

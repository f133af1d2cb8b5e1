using k8s;
using k8s.Models;

namespace NeevCloud.Operator.Runtime;

/// <summary>
/// A question asked of a kind's cache often enough that scanning every object each time would cost O(N) per pass
/// (which objects name this cloud id, which VMs belong to this Project): each object's answers, kept up to date
/// with the cache, like client-go's indexers. A class, not a record: an index is its instance, so two with the
/// same name but other functions never share entries.
/// </summary>
/// <param name="name">What it answers, for logs and debugging.</param>
/// <param name="valuesOf">The values an object is found under (none: it is found under none).</param>
public sealed class EntityIndex<TEntity>(string name, Func<TEntity, IEnumerable<string>> valuesOf)
    where TEntity : IKubernetesObject<V1ObjectMeta>
{
    public string Name => name;

    public Func<TEntity, IEnumerable<string>> ValuesOf => valuesOf;
}

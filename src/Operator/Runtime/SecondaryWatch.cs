using k8s;
using k8s.Models;

namespace NeevCloud.Operator.Runtime;

/// <summary>
/// Maps every change of a <typeparamref name="TSource"/> to the keys of the objects it affects;
/// <paramref name="relevant"/> (old, current) can drop changes those objects do not care about.
/// </summary>
public sealed class SecondaryWatch<TSource, TEntity>(
    EntityCache<TSource> cache, Func<TSource, IEnumerable<string>> keysOf, Func<TSource?, TSource?, bool>? relevant = null)
    : ISecondaryWatch<TEntity>
    where TSource : class, IKubernetesObject<V1ObjectMeta>
{
    public void Attach(Action<string> enqueue, Action<string> enqueueUrgent) => cache.Changed += change =>
    {
        if (relevant is not null && !relevant(change.Old, change.Current))
        {
            return;
        }

        foreach (var key in new[] { change.Old, change.Current }.OfType<TSource>().SelectMany(keysOf).Distinct(StringComparer.Ordinal))
        {
            enqueue(key);
        }
    };
}

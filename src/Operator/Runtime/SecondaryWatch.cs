using k8s;
using k8s.Models;

namespace NeevCloud.Operator.Runtime;

/// <summary>Maps every change of a <typeparamref name="TSource"/> to the key of the object it affects.</summary>
public sealed class SecondaryWatch<TSource, TEntity>(EntityCache<TSource> cache, Func<TSource, string?> keyOf) : ISecondaryWatch<TEntity>
    where TSource : class, IKubernetesObject<V1ObjectMeta>
{
    public void Attach(Action<string> enqueue) => cache.Changed += change =>
    {
        foreach (var source in new[] { change.Old, change.Current })
        {
            if (source is not null && keyOf(source) is { } key)
            {
                enqueue(key);
            }
        }
    };
}

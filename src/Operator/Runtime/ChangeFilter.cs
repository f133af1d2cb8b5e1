using k8s;
using k8s.Models;
using NeevCloud.Operator.Runtime.Managed;

namespace NeevCloud.Operator.Runtime;

/// <summary>
/// Which observed changes deserve a reconcile. Status-only updates (our own writes) do not:
/// they would reset a failing key's back-off and turn every status write into another pass. Nor
/// do the lifecycle's bookkeeping annotations (external id, create intent): the pass that wrote
/// them goes on by itself.
/// </summary>
public static class ChangeFilter
{
    private static readonly Dictionary<string, string> Empty = [];

    public static bool NeedsReconcile<TEntity>(EntityChange<TEntity> change)
        where TEntity : IKubernetesObject<V1ObjectMeta>
    {
        if (change.Type != WatchEventType.Modified || change.Old is null)
        {
            return true;
        }

        var (old, current) = (change.Old.Metadata, change.Current.Metadata);
        return old.Generation != current.Generation
            || old.DeletionTimestamp != current.DeletionTimestamp
            || !SameEntries(old.Annotations, current.Annotations, key => !ManagedAnnotations.IsBookkeeping(key))
            || !SameEntries(old.Labels, current.Labels, _ => true)
            || (current.DeletionTimestamp is not null && !SameItems(old.Finalizers, current.Finalizers));
    }

    private static bool SameEntries(IDictionary<string, string>? a, IDictionary<string, string>? b, Func<string, bool> counts)
    {
        var left = (a ?? Empty).Where(kv => counts(kv.Key)).ToList();
        var right = (b ?? Empty).Where(kv => counts(kv.Key)).ToDictionary();
        return left.Count == right.Count && left.All(kv => right.TryGetValue(kv.Key, out var v) && v == kv.Value);
    }

    private static bool SameItems(IList<string>? a, IList<string>? b) =>
        (a ?? []).SequenceEqual(b ?? []);
}

using k8s;
using k8s.Models;

namespace NeevCloud.Operator.Runtime;

/// <summary>
/// Which observed changes deserve a reconcile. Status-only updates (our own writes) do not:
/// they would reset a failing key's back-off and turn every status write into another pass.
/// </summary>
public static class ChangeFilter
{
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
            || !SameEntries(old.Annotations, current.Annotations)
            || !SameEntries(old.Labels, current.Labels)
            || (current.DeletionTimestamp is not null && !SameItems(old.Finalizers, current.Finalizers));
    }

    private static bool SameEntries(IDictionary<string, string>? a, IDictionary<string, string>? b) =>
        (a?.Count ?? 0) == (b?.Count ?? 0) && (a is null || a.All(kv => b!.TryGetValue(kv.Key, out var v) && v == kv.Value));

    private static bool SameItems(IList<string>? a, IList<string>? b) =>
        (a ?? []).SequenceEqual(b ?? []);
}

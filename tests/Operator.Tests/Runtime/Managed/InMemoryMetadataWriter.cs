using k8s.Models;
using System.Globalization;
using NeevCloud.Crds;
using NeevCloud.Operator.Runtime;

namespace Operator.Tests.Runtime.Managed;

/// <summary>
/// The API server's side of an annotation write: applied with the resourceVersion as precondition, so a test
/// can make the object "changed by someone else" and see that nothing decided on the old copy goes ahead.
/// </summary>
internal sealed class InMemoryMetadataWriter<TEntity> : IMetadataWriter<TEntity>
    where TEntity : class, IManagedResource
{
    public List<IReadOnlyDictionary<string, string?>> Patches { get; } = [];

    /// <summary>Writes that put the finalizer on the object (alone or with annotations).</summary>
    public int FinalizerWrites { get; private set; }

    public string Finalizer => ControllerOptions.DefaultFinalizer;

    /// <summary>The next write finds the object changed since it was read.</summary>
    public bool ConflictNext { get; set; }

    public Task<TEntity> PatchAnnotationsAsync(TEntity entity, IReadOnlyDictionary<string, string?> annotations, CancellationToken cancellationToken)
    {
        if (ConflictNext)
        {
            ConflictNext = false;
            throw new StaleObjectException($"{entity.Metadata.NamespaceProperty}/{entity.Metadata.Name}");
        }

        var finalizers = entity.Metadata.Finalizers ?? [];
        if (entity.Metadata.DeletionTimestamp is null && !finalizers.Contains(Finalizer))
        {
            finalizers = [.. finalizers, Finalizer];
            FinalizerWrites++;
        }

        if (annotations.Count > 0)
        {
            Patches.Add(annotations);
        }

        var merged = new Dictionary<string, string>(entity.Metadata.Annotations ?? new Dictionary<string, string>());
        foreach (var (key, value) in annotations)
        {
            if (value is null)
            {
                merged.Remove(key);
            }
            else
            {
                merged[key] = value;
            }
        }

        // The stored object: the same spec and status, new metadata (as a merge patch answers).
        var rv = long.Parse(entity.Metadata.ResourceVersion ?? "1", CultureInfo.InvariantCulture) + 1;
        var stored = k8s.KubernetesJson.Deserialize<V1ObjectMeta>(k8s.KubernetesJson.Serialize(entity.Metadata));
        stored.ResourceVersion = rv.ToString(CultureInfo.InvariantCulture);
        stored.Annotations = merged;
        stored.Finalizers = finalizers;
        entity.Metadata = stored;
        return Task.FromResult(entity);
    }
}

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

    /// <summary>The next write finds the object changed since it was read.</summary>
    public bool ConflictNext { get; set; }

    public Task<TEntity> PatchAnnotationsAsync(TEntity entity, IReadOnlyDictionary<string, string?> annotations, CancellationToken cancellationToken)
    {
        if (ConflictNext)
        {
            ConflictNext = false;
            throw new StaleObjectException($"{entity.Metadata.NamespaceProperty}/{entity.Metadata.Name}");
        }

        Patches.Add(annotations);
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
        entity.Metadata = new V1ObjectMeta
        {
            Name = entity.Metadata.Name,
            NamespaceProperty = entity.Metadata.NamespaceProperty,
            Uid = entity.Metadata.Uid,
            Generation = entity.Metadata.Generation,
            DeletionTimestamp = entity.Metadata.DeletionTimestamp,
            Finalizers = entity.Metadata.Finalizers,
            ResourceVersion = rv.ToString(CultureInfo.InvariantCulture),
            Annotations = merged,
        };
        var stored = entity;
        return Task.FromResult(stored);
    }
}

using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace NeevCloud.Operator.Runtime;

/// <summary>
/// The typed Kubernetes calls the runtime makes for one resource type. Writes are patches
/// (never a whole-object replace), so a stale copy can't undo someone else's change.
/// </summary>
public sealed class EntityClient<TEntity>(IKubernetes client)
    where TEntity : class, IKubernetesObject<V1ObjectMeta>
{
    public EntityMetadata Metadata { get; } = EntityMetadata.For<TEntity>();

    public IKubernetes Kubernetes => client;

    /// <summary>One page of objects, read as the cache keeps them (<see cref="CachedEntityList{TEntity}"/>).</summary>
    public async Task<EntityList<TEntity>> ListAsync(
        string? ns, string? labelSelector, string? continueToken, int limit, CancellationToken cancellationToken)
    {
        var page = ns is null
            ? await client.CustomObjects.ListCustomObjectForAllNamespacesAsync<CachedEntityList<TEntity>>(
                Metadata.Group, Metadata.Version, Metadata.Plural, continueParameter: continueToken,
                labelSelector: labelSelector, limit: limit, cancellationToken: cancellationToken)
            : await client.CustomObjects.ListNamespacedCustomObjectAsync<CachedEntityList<TEntity>>(
                Metadata.Group, Metadata.Version, ns, Metadata.Plural, continueParameter: continueToken,
                labelSelector: labelSelector, limit: limit, cancellationToken: cancellationToken);
        return page.Page;
    }

    /// <summary>
    /// Watch events from a resourceVersion. Server-side errors (such as 410 Gone) arrive
    /// through <paramref name="onError"/>, not as events.
    /// </summary>
    public async IAsyncEnumerable<(WatchEventType Type, TEntity Entity)> WatchAsync(
        string? ns,
        string? labelSelector,
        string resourceVersion,
        int timeoutSeconds,
        Action<Exception> onError,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var events = ns is null
            ? client.CustomObjects.WatchListCustomObjectForAllNamespacesAsync(
                Metadata.Group, Metadata.Version, Metadata.Plural, allowWatchBookmarks: true, labelSelector: labelSelector,
                resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds, onError: onError, cancellationToken: cancellationToken)
            : client.CustomObjects.WatchListNamespacedCustomObjectAsync(
                Metadata.Group, Metadata.Version, ns, Metadata.Plural, allowWatchBookmarks: true, labelSelector: labelSelector,
                resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds, onError: onError, cancellationToken: cancellationToken);
        await foreach (var (type, item) in events)
        {
            // The client hands each event's object over as parsed JSON; read straight from it, not from a copy as text.
            var element = item is JsonElement parsed ? parsed : JsonSerializer.SerializeToElement(item, CacheJson.Options);
            yield return (type, KubernetesJson.Deserialize<TEntity>(element, CacheJson.Options));
        }
    }

    /// <summary>The object, or null when it does not exist.</summary>
    public async Task<TEntity?> GetAsync(string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CustomObjects.GetNamespacedCustomObjectAsync<TEntity>(
                Metadata.Group, Metadata.Version, ns, Metadata.Plural, name, cancellationToken);
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public Task<TEntity> CreateAsync(TEntity entity, CancellationToken cancellationToken) =>
        client.CustomObjects.CreateNamespacedCustomObjectAsync<TEntity>(
            entity, Metadata.Group, Metadata.Version, entity.Metadata.NamespaceProperty, Metadata.Plural,
            cancellationToken: cancellationToken);

    /// <summary>
    /// Deletes the object as the caller saw it: guarded by its uid and resourceVersion, so a change made since (or a
    /// new object of the same name) answers 409 instead of being deleted.
    /// </summary>
    public Task DeleteAsync(TEntity entity, CancellationToken cancellationToken) =>
        client.CustomObjects.DeleteNamespacedCustomObjectAsync(
            Metadata.Group, Metadata.Version, entity.Metadata.NamespaceProperty, Metadata.Plural, entity.Metadata.Name,
            new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = entity.Metadata.Uid, ResourceVersion = entity.Metadata.ResourceVersion } },
            cancellationToken: cancellationToken);

    /// <summary>
    /// Sets metadata.finalizers, guarded by the resourceVersion the caller saw: a concurrent
    /// change answers 409 instead of being overwritten.
    /// </summary>
    public Task<TEntity> PatchFinalizersAsync(TEntity entity, IList<string> finalizers, CancellationToken cancellationToken) =>
        PatchMetadataAsync(entity, annotations: null, finalizers, cancellationToken);

    /// <summary>
    /// Sets (or, for a null value, removes) annotations and sets metadata.finalizers, each unless null, in one write
    /// guarded by the resourceVersion the caller saw: a concurrent change answers 409 instead of being overwritten.
    /// </summary>
    /// <param name="entity">The object as the caller read it.</param>
    /// <param name="annotations">The annotations to set (a null value: remove it), or null to leave them as they are.</param>
    /// <param name="finalizers">The whole finalizer list to store, or null to leave it as it is.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<TEntity> PatchMetadataAsync(
        TEntity entity, IReadOnlyDictionary<string, string?>? annotations, IList<string>? finalizers, CancellationToken cancellationToken)
    {
        var metadata = new Dictionary<string, object?> { ["resourceVersion"] = entity.Metadata.ResourceVersion };
        if (annotations is not null)
        {
            metadata["annotations"] = annotations;
        }

        if (finalizers is not null)
        {
            metadata["finalizers"] = finalizers;
        }

        var patch = new { metadata };
        return client.CustomObjects.PatchNamespacedCustomObjectAsync<TEntity>(
            new V1Patch(KubernetesJson.Serialize(patch), V1Patch.PatchType.MergePatch),
            Metadata.Group, Metadata.Version, entity.Metadata.NamespaceProperty, Metadata.Plural, entity.Metadata.Name,
            cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Replaces .status through the status subresource. The operator is the only writer of
    /// status, so no resourceVersion guard: the newest computed status wins.
    /// </summary>
    public Task<TEntity> ReplaceStatusAsync<TStatus>(TEntity entity, TStatus status, CancellationToken cancellationToken)
    {
        var patch = $$"""[{"op":"add","path":"/status","value":{{KubernetesJson.Serialize(status)}}}]""";
        return client.CustomObjects.PatchNamespacedCustomObjectStatusAsync<TEntity>(
            new V1Patch(patch, V1Patch.PatchType.JsonPatch),
            Metadata.Group, Metadata.Version, entity.Metadata.NamespaceProperty, Metadata.Plural, entity.Metadata.Name,
            cancellationToken: cancellationToken);
    }
}

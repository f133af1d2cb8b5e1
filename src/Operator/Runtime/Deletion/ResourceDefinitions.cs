using System.Net;
using k8s;
using k8s.Autorest;
using NeevCloud.Operator.Runtime.Managed;

namespace NeevCloud.Operator.Runtime.Deletion;

/// <summary>
/// Reads the definition from the API server each time it is asked, never from a cache: the API server marks the
/// CustomResourceDefinition as deleted before it deletes the first object of the kind, so a fresh read during
/// that object's deletion always sees it. Asked only while an object is being finalized, so the reads are few.
/// </summary>
public sealed class ResourceDefinitions(IKubernetes client) : IResourceDefinitions
{
    public async Task<bool> IsBeingDeletedAsync(Type entityType, CancellationToken cancellationToken)
    {
        var name = EntityMetadata.For(entityType).DefinitionName;
        try
        {
            var definition = await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(name, cancellationToken: cancellationToken);
            return definition.Metadata.DeletionTimestamp is not null;
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return true;
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)
        {
            // Not knowing whether this is an uninstall, the deletion must not reach the cloud.
            throw new FailureException(Failure.Retry(
                "DefinitionUnreadable",
                $"the operator may not read CustomResourceDefinition {name} ({(int)ex.Response.StatusCode}), so it cannot tell a deletion from an "
                + "uninstall; the deletion waits: grant get on customresourcedefinitions (the Helm chart does)"));
        }
    }
}

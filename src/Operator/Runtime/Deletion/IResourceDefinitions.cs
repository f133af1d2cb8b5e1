namespace NeevCloud.Operator.Runtime.Deletion;

/// <summary>The CustomResourceDefinitions of the operator's own kinds, as the API server has them now.</summary>
public interface IResourceDefinitions
{
    /// <summary>
    /// Whether the definition of <paramref name="entityType"/> is being deleted (or already gone): then every object
    /// of the kind is being deleted with it, an uninstall rather than a decision about each object.
    /// </summary>
    Task<bool> IsBeingDeletedAsync(Type entityType, CancellationToken cancellationToken);
}

using NeevCloud.Operator.Runtime.Deletion;

namespace Operator.Tests.Runtime.Managed;

/// <summary>The operator's CustomResourceDefinitions in memory: installed, unless a test starts deleting one.</summary>
internal sealed class Definitions : IResourceDefinitions
{
    private readonly HashSet<Type> _deleting = [];

    public Exception? Failure { get; set; }

    public void StartDeleting<TEntity>() => _deleting.Add(typeof(TEntity));

    public Task<bool> IsBeingDeletedAsync(Type entityType, CancellationToken cancellationToken)
    {
        return Failure is { } failure ? Task.FromException<bool>(failure) : Task.FromResult(_deleting.Contains(entityType));
    }
}

using NeevCloud.Operator.Runtime.Deletion;

namespace Operator.Tests.Runtime.Managed;

/// <summary>The operator's CustomResourceDefinitions in memory: installed, unless a test starts deleting one.</summary>
internal sealed class Definitions : IResourceDefinitions
{
    private readonly HashSet<Type> _deleting = [];

    /// <summary>How often the lifecycle asked.</summary>
    public int Reads { get; private set; }

    public Exception? Failure { get; set; }

    public void StartDeleting<TEntity>() => _deleting.Add(typeof(TEntity));

    public Task<bool> IsBeingDeletedAsync(Type entityType, CancellationToken cancellationToken)
    {
        Reads++;
        return Failure is { } failure ? Task.FromException<bool>(failure) : Task.FromResult(_deleting.Contains(entityType));
    }
}

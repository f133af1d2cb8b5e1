using k8s;
using k8s.Models;

namespace NeevCloud.Operator.Runtime;

/// <summary>The cache and runner of one resource type, managed together.</summary>
public sealed class ManagedController<TEntity>(EntityCache<TEntity> cache, ControllerRunner<TEntity> runner) : IManagedController
    where TEntity : class, IKubernetesObject<V1ObjectMeta>
{
    public string Name => runner.Name;

    public EntityCache<TEntity> Cache => cache;

    public ControllerRunner<TEntity> Runner => runner;

    public Task RunCacheAsync(CancellationToken cancellationToken) => cache.RunAsync(cancellationToken);

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => cache.WaitForSyncAsync(cancellationToken);

    public Task RunWorkersAsync(CancellationToken cancellationToken) => runner.RunWorkersAsync(cancellationToken);
}

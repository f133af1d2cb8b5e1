namespace NeevCloud.Operator.Runtime;

/// <summary>A controller as the manager sees it: a cache to run and sync, and workers to run.</summary>
public interface IManagedController
{
    string Name { get; }

    Task RunCacheAsync(CancellationToken cancellationToken);

    Task WaitForSyncAsync(CancellationToken cancellationToken);

    Task RunWorkersAsync(CancellationToken cancellationToken);
}

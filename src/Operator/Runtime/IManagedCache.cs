namespace NeevCloud.Operator.Runtime;

/// <summary>A cache as the manager sees it: something to run on every replica and wait for.</summary>
public interface IManagedCache
{
    Task RunAsync(CancellationToken cancellationToken);

    Task WaitForSyncAsync(CancellationToken cancellationToken);
}

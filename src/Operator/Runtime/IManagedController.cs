namespace NeevCloud.Operator.Runtime;

/// <summary>A controller as the manager sees it: workers to run on the leader.</summary>
public interface IManagedController
{
    string Name { get; }

    Task RunWorkersAsync(CancellationToken cancellationToken);
}

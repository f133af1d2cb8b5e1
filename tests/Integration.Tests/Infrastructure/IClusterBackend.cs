namespace Integration.Tests.Infrastructure;

/// <summary>A Kubernetes API server the integration tests can talk to.</summary>
internal interface IClusterBackend : IAsyncDisposable
{
    /// <summary>Human-readable name, shown in test output.</summary>
    string Description { get; }

    string KubeconfigPath { get; }

    /// <summary>
    /// False for the local CRD-only API server, which does not serve core/v1: there namespaces
    /// are only names, on a real cluster they must be created.
    /// </summary>
    bool ServesNamespaces { get; }
}

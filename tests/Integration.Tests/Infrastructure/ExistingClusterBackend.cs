namespace Integration.Tests.Infrastructure;

/// <summary>A cluster the caller already has, named by NEEV_TEST_KUBECONFIG.</summary>
internal sealed class ExistingClusterBackend(string kubeconfigPath) : IClusterBackend
{
    public string Description => $"existing cluster ({kubeconfigPath})";

    public string KubeconfigPath => kubeconfigPath;

    public bool ServesNamespaces => true;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

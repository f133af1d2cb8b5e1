using Testcontainers.K3s;

namespace Integration.Tests.Infrastructure;

/// <summary>k3s in a container through Testcontainers (NEEV_TEST_CLUSTER=k3s); needs a Docker engine.</summary>
internal sealed class K3sBackend : IClusterBackend
{
    private readonly K3sContainer _container;
    private readonly string _directory;

    private K3sBackend(K3sContainer container, string directory, string kubeconfigPath)
    {
        _container = container;
        _directory = directory;
        KubeconfigPath = kubeconfigPath;
    }

    public string Description => "k3s (Testcontainers)";

    public string KubeconfigPath { get; }

    public bool ServesNamespaces => true;

    public static async Task<K3sBackend> StartAsync(CancellationToken cancellationToken)
    {
        var container = new K3sBuilder("rancher/k3s:v1.34.1-k3s1").Build();
        await container.StartAsync(cancellationToken);
        var directory = Directory.CreateTempSubdirectory("neev-k3s-").FullName;
        var kubeconfigPath = Path.Combine(directory, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfigPath, await container.GetKubeconfigAsync(), cancellationToken);
        return new K3sBackend(container, directory, kubeconfigPath);
    }

    public async ValueTask DisposeAsync()
    {
        await _container.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}

using Integration.Tests.Infrastructure;

namespace Integration.Tests.Crds;

/// <summary>
/// A test with the checked-in CRDs installed and a namespace of its own, whose resources are
/// deleted afterwards.
/// </summary>
public abstract class CrdTest(KubernetesFixture cluster, string namespacePrefix) : IAsyncLifetime
{
    protected KubernetesFixture Cluster => cluster;

    protected string Namespace { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        await NeevCrds.InstallAsync(cluster);
        Namespace = await cluster.CreateNamespaceAsync(namespacePrefix, TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return NeevCrds.DeleteAllAsync(cluster, Namespace);
    }

    /// <summary><c>kubectl apply -f -</c> of a manifest in the test's namespace, as a user would.</summary>
    protected Task<ProcessResult> ApplyAsync(System.Text.Json.Nodes.JsonObject manifest) =>
        cluster.KubectlAsync(["apply", "-n", Namespace, "-f", "-"], manifest.ToJsonString(), TestContext.Current.CancellationToken);
}

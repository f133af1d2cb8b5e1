using System.Collections.Concurrent;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Integration.Tests.Infrastructure;

/// <summary>
/// The Kubernetes API server for integration tests, started once per test run (an assembly
/// fixture) and shared by all test classes, which run in parallel in namespaces of their own.
/// Backend: the local control plane by default; the cluster in NEEV_TEST_KUBECONFIG when set;
/// k3s through Testcontainers when NEEV_TEST_CLUSTER=k3s (tests skip, saying why, without Docker).
/// </summary>
public sealed class KubernetesFixture : IAsyncLifetime
{
    private readonly ConcurrentBag<string> _namespaces = [];
    private IClusterBackend? _backend;
    private Kubernetes? _client;
    private string? _kubectl;

    /// <summary>Why the cluster is unavailable; tests that touch it are skipped with this reason.</summary>
    public string? SkipReason { get; private set; }

    public string BackendDescription => _backend?.Description ?? "none";

    /// <summary>True when the tests run on the project's own control plane (which they may start more of).</summary>
    public bool IsLocalControlPlane => _backend is LocalControlPlaneBackend;

    public IKubernetes Client
    {
        get
        {
            EnsureAvailable();
            return _client!;
        }
    }

    public string KubeconfigPath
    {
        get
        {
            EnsureAvailable();
            return _backend!.KubeconfigPath;
        }
    }

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        var kubeconfig = Environment.GetEnvironmentVariable("NEEV_TEST_KUBECONFIG");
        if (!string.IsNullOrEmpty(kubeconfig))
        {
            _backend = new ExistingClusterBackend(kubeconfig);
        }
        else if (string.Equals(Environment.GetEnvironmentVariable("NEEV_TEST_CLUSTER"), "k3s", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                _backend = await K3sBackend.StartAsync(timeout.Token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                SkipReason = $"skipped: NEEV_TEST_CLUSTER=k3s but k3s could not start (needs a Docker engine): {ex.GetType().Name}: {ex.Message}";
                return;
            }
        }
        else
        {
            // The default backend must work: a failure here fails the run instead of skipping it.
            _backend = await LocalControlPlaneBackend.StartAsync(LocalControlPlaneBackend.TestInstance, timeout.Token);
        }

        _client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(_backend.KubeconfigPath));
        _kubectl = (await ProcessRunner.RunAsync(RepositoryPaths.Combine("hack", "tools.sh"), ["kubectl"], cancellationToken: timeout.Token))
            .StdOut.Trim();
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null && _backend is { ServesNamespaces: true })
        {
            foreach (var ns in _namespaces)
            {
                try
                {
                    await _client.CoreV1.DeleteNamespaceAsync(ns);
                }
                catch (HttpOperationException)
                {
                    // Best effort: a leftover test namespace is not worth failing the run for.
                }
            }
        }

        _client?.Dispose();
        if (_backend is not null)
        {
            await _backend.DisposeAsync();
        }
    }

    /// <summary>A namespace of the test's own (created where the server serves namespaces).</summary>
    public async Task<string> CreateNamespaceAsync(string prefix, CancellationToken cancellationToken = default)
    {
        EnsureAvailable();
        var name = $"{prefix.ToLowerInvariant()}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 9, 63)];
        if (_backend!.ServesNamespaces)
        {
            await _client!.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } }, cancellationToken: cancellationToken);
        }

        _namespaces.Add(name);
        return name;
    }

    /// <summary>Creates or updates the CRDs and waits until the server serves them.</summary>
    public async Task ApplyCrdsAsync(IEnumerable<V1CustomResourceDefinition> crds, CancellationToken cancellationToken = default)
    {
        EnsureAvailable();
        var names = new List<string>();
        foreach (var crd in crds)
        {
            await CreateOrReplaceCrdAsync(crd, cancellationToken);
            names.Add(crd.Metadata.Name);
        }

        foreach (var name in names)
        {
            await Eventually.AssertAsync(() => AssertServedAsync(name, cancellationToken), TimeSpan.FromSeconds(30), cancellationToken);
        }
    }

    /// <summary>Runs the project's kubectl (hack/tools.sh) against this cluster.</summary>
    public Task<ProcessResult> KubectlAsync(string[] args, string? stdin = null, CancellationToken cancellationToken = default)
    {
        EnsureAvailable();
        return ProcessRunner.RunAsync(
            _kubectl!,
            args,
            stdin,
            new Dictionary<string, string> { ["KUBECONFIG"] = _backend!.KubeconfigPath },
            cancellationToken: cancellationToken);
    }

    private async Task CreateOrReplaceCrdAsync(V1CustomResourceDefinition definition, CancellationToken cancellationToken)
    {
        // A copy: the resourceVersion set below must not leak into the caller's object, where it
        // would break the next create of the same definition.
        var crd = KubernetesJson.Deserialize<V1CustomResourceDefinition>(KubernetesJson.Serialize(definition));
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var existing = await _client!.ApiextensionsV1.ReadCustomResourceDefinitionAsync(crd.Metadata.Name, cancellationToken: cancellationToken);
                crd.Metadata.ResourceVersion = existing.Metadata.ResourceVersion;
                await _client.ApiextensionsV1.ReplaceCustomResourceDefinitionAsync(crd, crd.Metadata.Name, cancellationToken: cancellationToken);
                return;
            }
            catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
            {
                try
                {
                    crd.Metadata.ResourceVersion = null;
                    await _client!.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd, cancellationToken: cancellationToken);
                    return;
                }
                catch (HttpOperationException conflict) when (conflict.Response.StatusCode == HttpStatusCode.Conflict && attempt < 5)
                {
                    // Another test class created it first; replace it on the next round.
                }
            }
            catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.Conflict && attempt < 5)
            {
                // Someone updated it between our read and replace; read again.
            }
        }
    }

    // Established is not enough: until the server's watch cache for the new resource is
    // initialised, watches are answered 429 "storage is (re)initializing".
    private async Task AssertServedAsync(string crdName, CancellationToken cancellationToken)
    {
        var crd = await _client!.ApiextensionsV1.ReadCustomResourceDefinitionAsync(crdName, cancellationToken: cancellationToken);
        Assert.Contains(crd.Status?.Conditions ?? [], c => c.Type == "Established" && c.Status == "True");
        var version = crd.Spec.Versions.First(v => v.Served).Name;
        var watch = _client.CustomObjects.WatchListClusterCustomObjectAsync(
            crd.Spec.Group, version, crd.Spec.Names.Plural, timeoutSeconds: 1, cancellationToken: cancellationToken);
        try
        {
            await foreach (var unused in watch)
            {
                // Draining the (at most one second long) watch proves it can be opened.
            }
        }
        catch (HttpRequestException ex) when (ex.InnerException is EndOfStreamException)
        {
            // The server accepted the watch and closed it without events at the timeout:
            // the client reports an empty stream this way. Served.
        }
    }

    private void EnsureAvailable()
    {
        if (SkipReason is not null)
        {
            Assert.Skip(SkipReason);
        }
    }
}

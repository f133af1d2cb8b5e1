using Integration.Tests.Infrastructure;
using k8s;
using k8s.Models;

namespace Integration.Tests.Crds;

/// <summary>
/// The checked-in CRD manifests (what users install), installed once per test run the way a user
/// (or Helm, which applies crds/ as-is) installs them, and kubectl calls against them.
/// </summary>
internal static class NeevCrds
{
    private static readonly string Folder = RepositoryPaths.Combine("deploy", "helm", "neev-operator", "crds");
    private static readonly Lock Gate = new();
    private static Task? _installed;

    public static Task InstallAsync(KubernetesFixture cluster)
    {
        lock (Gate)
        {
            return _installed ??= InstallOnceAsync(cluster);
        }
    }

    // Not a test's token: the one install serves every test, whichever asks first.
    private static Task InstallOnceAsync(KubernetesFixture cluster) =>
        ApplyAsync(args => cluster.KubectlAsync(args, cancellationToken: CancellationToken.None));

    /// <summary>
    /// Applies the CRDs with <paramref name="kubectl"/> (any API server: the shared one, or a test's own) and waits
    /// until they serve.
    /// </summary>
    public static async Task ApplyAsync(Func<string[], Task<ProcessResult>> kubectl)
    {
        var apply = await kubectl(["apply", "-f", Folder]);
        Assert.True(apply.ExitCode == 0, $"installing the checked-in CRDs failed: {apply}");
        var names = Directory.EnumerateFiles(Folder, "*.yaml")
            .Select(path => "crd/" + KubernetesYaml.Deserialize<V1CustomResourceDefinition>(File.ReadAllText(path)).Metadata.Name);
        var established = await kubectl(["wait", "--for=condition=Established", "--timeout=60s", .. names]);
        Assert.True(established.ExitCode == 0, $"the CRDs did not become established: {established}");
    }

    /// <summary>
    /// Deletes the test's resources. The local control plane serves no namespaces, so they would
    /// otherwise outlive the test in a cluster other tests (and operators under test) share.
    /// </summary>
    public static async ValueTask DeleteAllAsync(KubernetesFixture cluster, string ns)
    {
        if (ns.Length > 0)
        {
            await cluster.KubectlAsync(
                ["delete", "projects.neevcloud.com,virtualmachines.neevcloud.com,rootdisks.neevcloud.com", "--all", "-n", ns, "--wait=false"],
                cancellationToken: CancellationToken.None);
        }
    }

    /// <summary>Asserts that kubectl failed and that its error names the field, the way the server reports one.</summary>
    public static void AssertRejected(ProcessResult result, string field, string message)
    {
        Assert.True(result.ExitCode != 0, $"expected a rejection naming {field}, but kubectl succeeded:\n{result}");
        Assert.True(
            result.StdErr.Contains(field + ": ", StringComparison.Ordinal) || result.StdErr.Contains($"\"{field}\"", StringComparison.Ordinal),
            $"the error does not name the field {field}:\n{result.StdErr}");
        Assert.True(result.StdErr.Contains(message, StringComparison.Ordinal), $"the error does not say \"{message}\":\n{result.StdErr}");
    }
}

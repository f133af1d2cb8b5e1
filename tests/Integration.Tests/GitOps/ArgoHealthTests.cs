using Integration.Tests.Infrastructure;
using k8s;
using k8s.Models;

namespace Integration.Tests.GitOps;

/// <summary>
/// deploy/argocd/health.lua, run by Debian's lua5.1 (the Lua dialect of Argo CD's gopher-lua),
/// shows in Argo CD the same verdict kstatus, Flux and `kubectl wait` read from the conditions.
/// </summary>
public sealed class ArgoHealthTests
{
    private static readonly string Script = RepositoryPaths.Combine("deploy", "argocd", "health.lua");
    private static readonly string ConfigMap = RepositoryPaths.Combine("deploy", "argocd", "argocd-cm.yaml");

    public static TheoryData<string> Cases => [.. ArgoHealthCases.All.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Argo_health_follows_the_kstatus_conditions(string name)
    {
        var expected = ArgoHealthCases.All[name];
        var lua = await RepositoryTools.PathOrSkipAsync("lua");

        var result = await ProcessRunner.RunAsync(lua, ["-"], Driver(expected), cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, $"health.lua failed on '{name}':\n{result}");
        var (status, message) = (result.StdOut.Split('\n', 2)[0], result.StdOut.Split('\n', 2).ElementAtOrDefault(1) ?? "");
        Assert.Equal(expected.Status, status);
        Assert.Contains(expected.Message, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Argocd_cm_snippet_holds_the_health_script_for_each_kind()
    {
        var configMap = KubernetesYaml.Deserialize<V1ConfigMap>(File.ReadAllText(ConfigMap), strict: true);
        var script = File.ReadAllText(Script);

        Assert.Equal("argocd-cm", configMap.Metadata.Name);
        Assert.Equal(
            ["Project", "RootDisk", "VirtualMachine"],
            configMap.Data.Keys.Select(key => key.Replace("resource.customizations.health.neevcloud.com_", "", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.All(configMap.Data, entry => Assert.True(
            entry.Value == script,
            $"{entry.Key} in deploy/argocd/argocd-cm.yaml differs from deploy/argocd/health.lua; copy the script into the snippet"));
    }

    /// <summary>
    /// Runs the script once on the case's object, in a sandbox without io, os or require (Argo CD
    /// offers none of them), and prints the status line, then the message.
    /// </summary>
    private static string Driver(ArgoHealthCase health) => $"""
        local check = assert(loadfile({LuaLiteral.String(Script)}))
        local write = io.write
        io, os, require, package, dofile, loadfile = nil, nil, nil, nil, nil, nil
        obj = {LuaLiteral.From(health.Resource)}
        local hs = check()
        write(tostring(hs.status), "\n", tostring(hs.message))
        """;
}

using System.Text.Json.Nodes;
using Integration.Tests.Infrastructure;

namespace Integration.Tests.GitOps;

/// <summary>
/// Runs a script of deploy/argocd the way Argo CD does (hack/argo-lua: gopher-lua, standard libraries off,
/// only package, base, table and a safe os, the object as <c>obj</c>, 1 s) and returns what Argo CD would
/// make of its answer, or the error Argo CD would show.
/// </summary>
internal static class ArgoLua
{
    public static string Script(params string[] path) => RepositoryPaths.Combine(["deploy", "argocd", .. path]);

    /// <param name="mode">health, discovery or action.</param>
    /// <param name="script">The script's path.</param>
    /// <param name="resource">The object, as Argo CD has it from the API server.</param>
    public static async Task<JsonNode> RunAsync(string mode, string script, JsonNode resource)
    {
        var argoLua = await RepositoryTools.PathOrSkipAsync("argo-lua");
        var result = await ProcessRunner.RunAsync(
            argoLua, [mode, script], resource.ToJsonString(), cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(result.ExitCode == 0, $"Argo CD's Lua engine refused {Path.GetFileName(script)} ({mode}):\n{result}");
        return JsonNode.Parse(result.StdOut)!;
    }
}

using Integration.Tests.Infrastructure;

namespace Integration.Tests.Chart;

/// <summary>The chart in deploy/helm/neev-operator, rendered and linted with the project's pinned helm.</summary>
internal static class HelmChart
{
    public const string Release = "neev";
    public const string ReleaseNamespace = "neev-system";
    public const string OrganizationId = "org-test";
    public const string ExistingSecret = "neevcloud-credentials";

    public static string Directory { get; } = RepositoryPaths.Combine("deploy", "helm", "neev-operator");

    /// <summary>The values every install must give; later --set arguments override them.</summary>
    public static IReadOnlyList<string> RequiredValues { get; } =
        ["--set", $"neevcloud.organizationId={OrganizationId}", "--set", $"credentials.existingSecret={ExistingSecret}"];

    public static async Task<ProcessResult> RunAsync(IEnumerable<string> args)
    {
        var helm = await RepositoryTools.PathOrSkipAsync("helm");
        return await ProcessRunner.RunAsync(helm, args, cancellationToken: TestContext.Current.CancellationToken);
    }

    /// <summary>helm template with exactly <paramref name="args"/>, for renders that are meant to fail.</summary>
    public static Task<ProcessResult> TemplateRawAsync(IEnumerable<string> args) =>
        RunAsync(["template", Release, Directory, "--namespace", ReleaseNamespace, .. args]);

    /// <summary>helm template with the required values and <paramref name="args"/>; the render must succeed.</summary>
    public static async Task<RenderedChart> TemplateAsync(params string[] args)
    {
        var result = await TemplateRawAsync([.. RequiredValues, .. args]);
        Assert.True(result.ExitCode == 0, $"helm template {string.Join(' ', args)} failed:\n{result}");
        return RenderedChart.Parse(result.StdOut);
    }
}

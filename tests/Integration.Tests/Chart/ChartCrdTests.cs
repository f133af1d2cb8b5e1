using System.Text.RegularExpressions;
using Integration.Tests.Infrastructure;
using k8s;
using k8s.Models;
using NeevCloud.Operator.CrdGeneration;

namespace Integration.Tests.Chart;

/// <summary>The CRDs a `helm install` applies are the ones the operator's types generate, and the API server takes them.</summary>
public sealed partial class ChartCrdTests(KubernetesFixture cluster)
{
    [Fact]
    public async Task Chart_crds_equal_what_the_operator_generates()
    {
        var rendered = await RenderCrdsAsync();

        var generated = CrdManifests.Render(CrdGenerator.GenerateAll()).Values
            .Select(yaml => KubernetesYaml.Deserialize<V1CustomResourceDefinition>(yaml))
            .ToDictionary(crd => crd.Metadata.Name, crd => KubernetesJson.Serialize(crd), StringComparer.Ordinal);
        var fromChart = rendered
            .Select(yaml => KubernetesYaml.Deserialize<V1CustomResourceDefinition>(yaml))
            .ToDictionary(crd => crd.Metadata.Name, crd => KubernetesJson.Serialize(crd), StringComparer.Ordinal);
        Assert.Equal(generated.Keys.Order(StringComparer.Ordinal), fromChart.Keys.Order(StringComparer.Ordinal));
        Assert.All(generated, crd => Assert.True(
            crd.Value == fromChart[crd.Key],
            $"{crd.Key} in the chart differs from the generator's; regenerate with: dotnet run --project src/Operator -- generate-crds --output deploy/helm/neev-operator/crds"));
    }

    [Fact]
    public async Task Chart_crds_are_accepted_by_the_api_server()
    {
        var rendered = await RenderCrdsAsync();

        // A server-side dry run: full validation by the API server without touching the CRDs
        // the other tests installed.
        var apply = await cluster.KubectlAsync(
            ["apply", "--dry-run=server", "-f", "-"], string.Join("\n---\n", rendered.Select(d => d.TrimEnd())), TestContext.Current.CancellationToken);

        Assert.True(apply.ExitCode == 0, $"the API server rejected the chart's CRDs:\n{apply}");
        foreach (var name in new[] { "projects.neevcloud.com", "virtualmachines.neevcloud.com", "rootdisks.neevcloud.com" })
        {
            Assert.Contains($"customresourcedefinition.apiextensions.k8s.io/{name}", apply.StdOut, StringComparison.Ordinal);
        }

        Assert.Contains("(server dry run)", apply.StdOut, StringComparison.Ordinal);
    }

    /// <summary>The documents `helm template --include-crds` takes from crds/, as text.</summary>
    private static async Task<List<string>> RenderCrdsAsync()
    {
        var result = await HelmChart.TemplateRawAsync([.. HelmChart.RequiredValues, "--include-crds"]);
        Assert.True(result.ExitCode == 0, $"helm template --include-crds failed:\n{result}");
        var crds = DocumentSeparator().Split(result.StdOut)
            .Where(document => document.StartsWith("# Source: neev-operator/crds/", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(3, crds.Count);
        return crds;
    }

    [GeneratedRegex("^---\\s*$\\n?", RegexOptions.Multiline)]
    private static partial Regex DocumentSeparator();
}

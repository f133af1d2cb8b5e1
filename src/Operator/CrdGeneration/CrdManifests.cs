using k8s;
using k8s.Models;

namespace NeevCloud.Operator.CrdGeneration;

/// <summary>The CRD manifest files as the generator writes them: one YAML file per CRD, named after it.</summary>
internal static class CrdManifests
{
    public const string Header =
        "# Generated from the types in src/Crds by\n" +
        "#   dotnet run --project src/Operator -- generate-crds --output deploy/helm/neev-operator/crds\n" +
        "# Do not edit: change the C# types and regenerate (a test fails when this file is stale).\n";

    /// <summary>File name to YAML.</summary>
    public static IReadOnlyDictionary<string, string> Render(IEnumerable<V1CustomResourceDefinition> crds) =>
        crds.ToDictionary(FileName, Render, StringComparer.Ordinal);

    public static string FileName(V1CustomResourceDefinition crd) => crd.Metadata.Name + ".yaml";

    public static string Render(V1CustomResourceDefinition crd) => Header + KubernetesYaml.Serialize(crd);

    /// <summary>
    /// The files in <paramref name="directory"/> that look generated (named after a CRD of one of the
    /// groups) but are not among <paramref name="crds"/>: left over from a renamed or removed type.
    /// </summary>
    public static IEnumerable<string> StaleFiles(string directory, IReadOnlyCollection<V1CustomResourceDefinition> crds)
    {
        var current = crds.Select(FileName).ToHashSet(StringComparer.Ordinal);
        var suffixes = crds.Select(crd => $".{crd.Spec.Group}.yaml").Distinct().ToList();
        return Directory.EnumerateFiles(directory, "*.yaml")
            .Where(path => suffixes.Exists(suffix => path.EndsWith(suffix, StringComparison.Ordinal)))
            .Where(path => !current.Contains(Path.GetFileName(path)))
            .Order(StringComparer.Ordinal);
    }
}

using NeevCloud.Operator.CrdGeneration;

namespace NeevCloud.Operator.Tests.Crds;

/// <summary>The manifests users install are exactly what the C# types generate today.</summary>
public sealed class CheckedInCrdsTests
{
    private const string Regenerate =
        "regenerate with: dotnet run --project src/Operator -- generate-crds --output deploy/helm/neev-operator/crds --docs docs/crd-reference.md";

    private static readonly IReadOnlyDictionary<string, string> Fresh = CrdManifests.Render(CrdGenerator.GenerateAll());

    public static TheoryData<string> FileNames => [.. Fresh.Keys.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(FileNames))]
    public void Checked_in_manifest_equals_a_fresh_generation(string fileName)
    {
        var path = Path.Combine(CrdFolder.Path, fileName);
        Assert.True(File.Exists(path), $"{path} is missing; {Regenerate}");
        Assert.True(Fresh[fileName] == File.ReadAllText(path), $"{path} is stale; {Regenerate}");
    }

    [Fact]
    public void Crd_folder_holds_no_manifest_the_types_no_longer_generate()
    {
        var checkedIn = Directory.EnumerateFiles(CrdFolder.Path, "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(Fresh.Keys.Order(StringComparer.Ordinal), checkedIn);
    }

    [Fact]
    public void The_crd_reference_in_docs_equals_a_fresh_rendering()
    {
        var path = Path.Combine(CrdFolder.Path, "..", "..", "..", "..", CrdReference.DefaultPath);
        Assert.True(File.Exists(path), $"{path} is missing; {Regenerate}");
        Assert.True(CrdReference.Render(CrdGenerator.GenerateAll()) == File.ReadAllText(path), $"{path} is stale; {Regenerate}");
    }
}

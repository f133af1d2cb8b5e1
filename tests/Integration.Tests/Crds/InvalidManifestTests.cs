using Integration.Tests.Infrastructure;

namespace Integration.Tests.Crds;

/// <summary>Bad input is rejected at <c>kubectl apply</c> by the real API server, with an error naming the field.</summary>
public sealed class InvalidManifestTests(KubernetesFixture cluster) : CrdTest(cluster, "crd-invalid")
{

    public static TheoryData<string> Cases => [.. InvalidManifests.ByName.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Kubectl_apply_rejects_it_naming_the_field(string name)
    {
        var invalid = InvalidManifests.ByName[name];

        var result = await ApplyAsync(invalid.Manifest);

        NeevCrds.AssertRejected(result, invalid.Field, invalid.Message);
    }

    [Fact]
    public void The_table_covers_at_least_30_kinds_of_bad_input()
    {
        Assert.True(InvalidManifests.ByName.Count >= 30, $"only {InvalidManifests.ByName.Count} invalid manifests");
    }
}

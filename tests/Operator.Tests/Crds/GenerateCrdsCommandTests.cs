using NeevCloud.Operator.CrdGeneration;

namespace NeevCloud.Operator.Tests.Crds;

public sealed class GenerateCrdsCommandTests : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("neev-crds-").FullName;

    public void Dispose() => Directory.Delete(_output, recursive: true);

    [Fact]
    public async Task Writes_one_manifest_per_resource_and_removes_generated_files_of_removed_resources()
    {
        var stale = Path.Combine(_output, "gadgets.neevcloud.com.yaml");
        var unrelated = Path.Combine(_output, "values.yaml");
        await File.WriteAllTextAsync(stale, "stale", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(unrelated, "kept", TestContext.Current.CancellationToken);

        var exitCode = await GenerateCrdsCommand.RunAsync(["--output", _output]);

        Assert.Equal(0, exitCode);
        Assert.Equal(
            ["projects.neevcloud.com.yaml", "rootdisks.neevcloud.com.yaml", "values.yaml", "virtualmachines.neevcloud.com.yaml"],
            Directory.EnumerateFiles(_output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.StartsWith(CrdManifests.Header, await File.ReadAllTextAsync(Path.Combine(_output, "projects.neevcloud.com.yaml"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    public static TheoryData<string[]> BadArguments => new()
    {
        Array.Empty<string>(),
        new[] { "--output" },
        new[] { "--out", "x" },
        new[] { "--output", "a", "b" },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public async Task Bad_arguments_exit_with_2_and_write_nothing(string[] args)
    {
        Assert.Equal(2, await GenerateCrdsCommand.RunAsync(args));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_output));
    }
}

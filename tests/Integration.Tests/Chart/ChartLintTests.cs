namespace Integration.Tests.Chart;

public sealed class ChartLintTests
{
    [Fact]
    public async Task Helm_lint_strict_passes()
    {
        var result = await HelmChart.RunAsync(["lint", "--strict", HelmChart.Directory, .. HelmChart.RequiredValues]);

        Assert.True(result.ExitCode == 0, $"helm lint --strict failed:\n{result}");
        Assert.Contains("0 chart(s) failed", result.StdOut, StringComparison.Ordinal);
    }
}

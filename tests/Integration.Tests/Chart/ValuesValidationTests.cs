namespace Integration.Tests.Chart;

/// <summary>A wrong install fails at helm time with a message naming what to fix, not later in a crash-looping pod.</summary>
public sealed class ValuesValidationTests
{
    public static TheoryData<string, string> BadValues => new()
    {
        { "replicaCount: \"two\"\n", "replicaCount" },
        { "replicas: 2\n", "replicas" },
        { "logFormat: xml\n", "logFormat" },
        { "watchNamespaces: team-a\n", "watchNamespaces" },
        { "image:\n  pullPolicy: Sometimes\n", "pullPolicy" },
        { "credentials:\n  tokenFile: /token\n", "tokenFile" },
        { "deletionSafety:\n  breaker:\n    window: 5m\n", "window" },
        { "deletionSafety:\n  breaker:\n    maxDeletes: -1\n", "maxDeletes" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task Schema_rejects_a_bad_values_file_naming_the_field(string values, string field)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("neev-chart-").FullName, "values.yaml");
        try
        {
            await File.WriteAllTextAsync(file, values, TestContext.Current.CancellationToken);

            var result = await HelmChart.TemplateRawAsync([.. HelmChart.RequiredValues, "--values", file]);

            Assert.True(result.ExitCode != 0, $"helm accepted the values\n{values}");
            Assert.Contains("schema", result.StdErr, StringComparison.Ordinal);
            Assert.Contains(field, result.StdErr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    // As chart-testing and chart registries run it: the bare chart, default values, warnings as errors.
    [Fact]
    public async Task Helm_lint_strict_passes_on_the_bare_chart_and_names_what_is_missing()
    {
        var result = await HelmChart.RunAsync(["lint", "--strict", HelmChart.Directory]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("neevcloud.organizationId is required", result.ToString(), StringComparison.Ordinal);
        Assert.Contains("NeevCloud credentials are required", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_organization_id_fails_with_a_clear_message()
    {
        var result = await HelmChart.TemplateRawAsync(["--set", "credentials.existingSecret=s"]);

        Assert.True(result.ExitCode != 0, "rendering without neevcloud.organizationId succeeded");
        Assert.Contains("neevcloud.organizationId is required", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_credentials_fail_with_a_clear_message()
    {
        var result = await HelmChart.TemplateRawAsync(["--set", "neevcloud.organizationId=org"]);

        Assert.True(result.ExitCode != 0, "rendering without credentials succeeded");
        Assert.Contains("NeevCloud credentials are required: set credentials.existingSecret", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Both_credential_sources_fail_instead_of_one_being_ignored()
    {
        var result = await HelmChart.TemplateRawAsync([.. HelmChart.RequiredValues, "--set", "credentials.token=t"]);

        Assert.True(result.ExitCode != 0, "rendering with both credentials.existingSecret and credentials.token succeeded");
        Assert.Contains("set only one", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_replicas_without_leader_election_fail()
    {
        var result = await HelmChart.TemplateRawAsync([.. HelmChart.RequiredValues, "--set", "replicaCount=2", "--set", "leaderElection.enabled=false"]);

        Assert.True(result.ExitCode != 0, "two replicas without leader election rendered");
        Assert.Contains("leaderElection.enabled", result.StdErr, StringComparison.Ordinal);
    }
}

using System.Text;
using k8s.Models;

namespace Integration.Tests.Chart;

/// <summary>
/// The NeevCloud token reaches the pod only as a read-only file from a Secret: never in the pod
/// spec, where `kubectl get pod -o yaml`, describe and every log of the spec would show it.
/// </summary>
public sealed class CredentialsTests
{
    private const string TokenFile = "/var/run/secrets/neevcloud/token";

    [Fact]
    public async Task Existing_secret_is_mounted_read_only_as_the_token_file()
    {
        var chart = await HelmChart.TemplateAsync();

        AssertTokenMountedFrom(chart, HelmChart.ExistingSecret, "token");
        Assert.Empty(chart.All<V1Secret>());
        // The operator re-reads a rotated Secret's file itself: no restart, so no checksum.
        Assert.False(chart.Deployment.Spec.Template.Metadata.Annotations?.ContainsKey("checksum/credentials") == true);
    }

    [Fact]
    public async Task The_key_inside_an_existing_secret_is_configurable()
    {
        var chart = await HelmChart.TemplateAsync("--set", "credentials.tokenKey=api-token");

        AssertTokenMountedFrom(chart, HelmChart.ExistingSecret, "api-token");
    }

    [Fact]
    public async Task A_token_in_values_lives_only_in_the_secret_the_chart_creates()
    {
        var token = "nc-" + Guid.NewGuid().ToString("N");

        var chart = await RenderWithTokenAsync(token);

        var secret = Assert.Single(chart.All<V1Secret>());
        Assert.Equal(HelmChart.ReleaseNamespace, secret.Metadata.NamespaceProperty);
        Assert.Equal(token, Encoding.UTF8.GetString(secret.Data["token"]));
        AssertTokenMountedFrom(chart, secret.Metadata.Name, "token");
        Assert.DoesNotContain(token, chart.Yaml, StringComparison.Ordinal);
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(token));
        Assert.Equal(chart.Yaml.IndexOf(encoded, StringComparison.Ordinal), chart.Yaml.LastIndexOf(encoded, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Helm_install_prints_no_token_from_values()
    {
        var token = "nc-" + Guid.NewGuid().ToString("N");

        // What lands in a terminal or a CI log: the manifest and the NOTES.
        var result = await HelmChart.RunAsync(
        [
            "install", HelmChart.Release, HelmChart.Directory, "--namespace", HelmChart.ReleaseNamespace, "--dry-run=client",
            "--set", $"neevcloud.organizationId={HelmChart.OrganizationId}", "--set", $"credentials.token={token}",
        ]);

        Assert.True(result.ExitCode == 0, $"helm install --dry-run=client failed:\n{result}");
        Assert.Contains("NOTES:", result.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain(token, result.StdOut + result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_the_token_in_values_rolls_the_pods()
    {
        var first = await RenderWithTokenAsync("token-one");
        var same = await RenderWithTokenAsync("token-one");
        var second = await RenderWithTokenAsync("token-two");

        static string Checksum(RenderedChart chart) => chart.Deployment.Spec.Template.Metadata.Annotations["checksum/credentials"];
        Assert.Equal(Checksum(first), Checksum(same));
        Assert.NotEqual(Checksum(first), Checksum(second));
    }

    private static Task<RenderedChart> RenderWithTokenAsync(string token) =>
        HelmChart.TemplateAsync("--set", "credentials.existingSecret=", "--set", $"credentials.token={token}");

    private static void AssertTokenMountedFrom(RenderedChart chart, string secretName, string key)
    {
        var mount = Assert.Single(chart.Container.VolumeMounts, m => m.MountPath == "/var/run/secrets/neevcloud");
        Assert.True(mount.ReadOnlyProperty, "the credentials volume must be mounted read-only");
        var volume = Assert.Single(chart.PodSpec.Volumes, v => v.Name == mount.Name);
        Assert.Equal(secretName, volume.Secret?.SecretName);
        var item = Assert.Single(volume.Secret!.Items);
        Assert.Equal((key, "token"), (item.Key, item.Path));

        var env = chart.Container.Env;
        Assert.Equal(TokenFile, Assert.Single(env, e => e.Name == "NeevCloud__TokenFile").Value);
        Assert.DoesNotContain(env, e => e.Name == "NeevCloud__Token");
        Assert.DoesNotContain(env, e => e.ValueFrom?.SecretKeyRef is not null);
        Assert.Null(chart.Container.EnvFrom);
    }
}

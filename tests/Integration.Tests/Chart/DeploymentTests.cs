using k8s.Models;

namespace Integration.Tests.Chart;

/// <summary>What a default install runs: a hardened pod that kubelet can probe and Prometheus can scrape.</summary>
public sealed class DeploymentTests
{
    private static readonly string[] StandardLabels =
    [
        "app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/version", "app.kubernetes.io/managed-by", "helm.sh/chart",
    ];

    [Fact]
    public async Task Pod_is_hardened_by_default()
    {
        var chart = await HelmChart.TemplateAsync();

        var pod = chart.PodSpec.SecurityContext;
        Assert.True(pod.RunAsNonRoot);
        Assert.Equal(1654, pod.RunAsUser);
        Assert.Equal(1654, pod.RunAsGroup);
        Assert.Equal(1654, pod.FsGroup);
        Assert.Equal("RuntimeDefault", pod.SeccompProfile?.Type);
        var container = chart.Container.SecurityContext;
        Assert.True(container.RunAsNonRoot);
        Assert.True(container.ReadOnlyRootFilesystem);
        Assert.False(container.AllowPrivilegeEscalation);
        Assert.Equal(["ALL"], container.Capabilities?.Drop ?? []);
        Assert.True(container.Privileged is null or false);
        Assert.Null(container.Capabilities?.Add);
    }

    [Fact]
    public async Task A_read_only_root_filesystem_still_has_a_writable_tmp()
    {
        var chart = await HelmChart.TemplateAsync();

        var mount = Assert.Single(chart.Container.VolumeMounts, m => m.MountPath == "/tmp");
        Assert.True(mount.ReadOnlyProperty is null or false);
        Assert.NotNull(Assert.Single(chart.PodSpec.Volumes, v => v.Name == mount.Name).EmptyDir);
    }

    [Fact]
    public async Task Resources_have_requests_and_limits()
    {
        var resources = (await HelmChart.TemplateAsync()).Container.Resources;

        Assert.Equal("100m", resources.Requests["cpu"].ToString());
        Assert.Equal("128Mi", resources.Requests["memory"].ToString());
        Assert.Equal("1", resources.Limits["cpu"].ToString());
        Assert.Equal("512Mi", resources.Limits["memory"].ToString());
    }

    [Fact]
    public async Task Probes_and_metrics_use_the_operator_http_port()
    {
        var chart = await HelmChart.TemplateAsync();
        var container = chart.Container;

        var port = Assert.Single(container.Ports);
        Assert.Equal(("http", 8080), (port.Name, port.ContainerPort));
        Assert.Equal(("/healthz", "http"), (container.LivenessProbe.HttpGet.Path, container.LivenessProbe.HttpGet.Port.Value));
        Assert.Equal(("/readyz", "http"), (container.ReadinessProbe.HttpGet.Path, container.ReadinessProbe.HttpGet.Port.Value));
        var service = Assert.Single(chart.All<V1Service>());
        var servicePort = Assert.Single(service.Spec.Ports);
        Assert.Equal(("http-metrics", 8080, "http"), (servicePort.Name, servicePort.Port, servicePort.TargetPort.Value));
        Assert.Equal(chart.Deployment.Spec.Selector.MatchLabels, service.Spec.Selector);
    }

    [Fact]
    public async Task Image_defaults_to_the_chart_app_version()
    {
        var chart = await HelmChart.TemplateAsync();
        var tagged = await HelmChart.TemplateAsync("--set", "image.tag=1.2.3", "--set", "image.repository=registry.example/neev");

        Assert.Equal("ghcr.io/neevcloud/neev-operator:0.1.0", chart.Container.Image);
        Assert.Equal("registry.example/neev:1.2.3", tagged.Container.Image);
    }

    [Fact]
    public async Task Args_carry_leader_election_and_log_format_and_no_namespace_limit_by_default()
    {
        var chart = await HelmChart.TemplateAsync();
        var console = await HelmChart.TemplateAsync("--set", "logFormat=console", "--set", "leaderElection.enabled=false");

        Assert.Equal(["--leader-elect=true", "--log-format=json"], chart.Container.Args);
        Assert.Equal(["--leader-elect=false", "--log-format=console"], console.Container.Args);
        Assert.Equal(1, chart.Deployment.Spec.Replicas);
    }

    [Fact]
    public async Task Two_replicas_are_valid_with_leader_election()
    {
        var chart = await HelmChart.TemplateAsync("--set", "replicaCount=2");

        Assert.Equal(2, chart.Deployment.Spec.Replicas);
        Assert.Contains("--leader-elect=true", chart.Container.Args);
    }

    [Fact]
    public async Task Environment_names_the_pod_namespace_and_the_cloud_settings()
    {
        var env = (await HelmChart.TemplateAsync()).Container.Env.ToDictionary(e => e.Name, StringComparer.Ordinal);

        // The operator keeps its leader-election Lease in the namespace it runs in.
        Assert.Equal("metadata.namespace", env["POD_NAMESPACE"].ValueFrom?.FieldRef?.FieldPath);
        Assert.Equal(HelmChart.OrganizationId, env["NeevCloud__OrganizationId"].Value);
        Assert.Equal("https://api.ai.neevcloud.com/tenant", env["NeevCloud__TenantUrl"].Value);
        Assert.Equal("https://api.ai.neevcloud.com/vm", env["NeevCloud__VmUrl"].Value);
        Assert.Equal("/var/run/secrets/neevcloud/token", env["NeevCloud__TokenFile"].Value);
    }

    [Fact]
    public async Task Every_object_carries_the_standard_labels()
    {
        var chart = await HelmChart.TemplateAsync(
            "--set", "podDisruptionBudget.enabled=true", "--set", "credentials.existingSecret=", "--set", "credentials.token=t0ken");

        foreach (var (kind, metadata) in chart.Metadata)
        {
            var missing = StandardLabels.Where(label => metadata.Labels?.ContainsKey(label) != true);
            Assert.True(!missing.Any(), $"{kind} {metadata.Name} lacks the labels {string.Join(", ", missing)}");
        }

        var selector = chart.Deployment.Spec.Selector.MatchLabels;
        Assert.Equal(["app.kubernetes.io/instance", "app.kubernetes.io/name"], selector.Keys.Order(StringComparer.Ordinal));
        Assert.All(selector, label => Assert.Equal(label.Value, chart.Deployment.Spec.Template.Metadata.Labels[label.Key]));
        Assert.Equal(selector, Assert.Single(chart.All<V1Service>()).Spec.Selector);
        Assert.Equal(selector, Assert.Single(chart.All<V1PodDisruptionBudget>()).Spec.Selector.MatchLabels);
    }

    [Fact]
    public async Task Service_account_is_created_and_used_by_the_pod()
    {
        var chart = await HelmChart.TemplateAsync("--set", "serviceAccount.annotations.team=ml");
        var existing = await HelmChart.TemplateAsync("--set", "serviceAccount.create=false", "--set", "serviceAccount.name=platform-sa");

        var account = Assert.Single(chart.All<V1ServiceAccount>());
        Assert.Equal(account.Metadata.Name, chart.PodSpec.ServiceAccountName);
        Assert.Equal("ml", account.Metadata.Annotations["team"]);
        Assert.Empty(existing.All<V1ServiceAccount>());
        Assert.Equal("platform-sa", existing.PodSpec.ServiceAccountName);
    }
}

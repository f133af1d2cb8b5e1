using System.Text.Json.Nodes;
using Integration.Tests.Crds;
using Integration.Tests.EndToEnd;
using Integration.Tests.Infrastructure;
using k8s.Models;

namespace Integration.Tests.Chart;

/// <summary>
/// Least privilege measured, not asserted (the idea of audit2rbac): the operator runs under its own
/// identity against an API server that writes an audit log, through the examples' whole life
/// (create, status, stop, keep a root disk, delete). Every request it made must be allowed by the
/// chart's rendered roles, and every permission the chart grants must have been used.
/// </summary>
public sealed class MeasuredRbacTests(KubernetesFixture cluster)
{
    private const string OperatorUser = "system:serviceaccount:neev-system:neev-operator";
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_chart_grants_exactly_what_the_operator_used_in_the_audit_log()
    {
        if (!cluster.IsLocalControlPlane)
        {
            Assert.Skip("skipped: the audit log needs the local control plane (hack/control-plane.sh)");
        }

        await using var plane = await LocalControlPlaneBackend.StartAsync(LocalControlPlaneBackend.InstanceFor("audit"), _ct, audit: true);
        var kubectl = new Kubectl(plane.KubeconfigPath, _ct);
        await NeevCrds.ApplyAsync(kubectl.RunAsync);

        await using var cloud = await CloudSimulator.StartAsync(_ct, LocalRunSimulator.Options());
        await using (await OperatorUnderTest.StartAsync(
            plane.OperatorKubeconfigPath, cloud, _ct, ["--leader-elect=true", $"--Operator:LeaderElection:Namespace={HelmChart.ReleaseNamespace}"]))
        {
            const string ns = "audit";
            await kubectl.RunAsync("apply", "-n", ns, "-f", RepositoryPaths.Combine("examples"));
            await kubectl.RunAsync("wait", "-n", ns, "--for=condition=Ready", "nvm", "--all", "--timeout=120s");
            // The kept root disk of a deleted VM becomes a RootDisk the operator creates.
            await kubectl.RunAsync("delete", "-n", ns, "nvm", "web", "--timeout=60s");
            await kubectl.RunAsync("wait", "-n", ns, "--for=condition=Ready", "nrd/web-root", "--timeout=60s");
            await kubectl.RunAsync("delete", "-n", ns, "nrd/web-root", "--timeout=60s");
            // A VM with spec.onExpiry Delete is deleted by the operator itself once it expires.
            var expiring = Path.Combine(Directory.CreateTempSubdirectory("neev-audit-").FullName, "expiring.yaml");
            await File.WriteAllTextAsync(expiring, VmManifests.VmWithNewDisk(
                "short-lived", "ml-team", extraSpec: $"  expiresAt: \"{DateTimeOffset.UtcNow.AddSeconds(20):yyyy-MM-ddTHH:mm:ssZ}\"\n  onExpiry: Delete"), _ct);
            await kubectl.RunAsync("apply", "-n", ns, "-f", expiring);
            await kubectl.RunAsync("wait", "-n", ns, "--for=delete", "nvm/short-lived", "--timeout=120s");
            Directory.Delete(Path.GetDirectoryName(expiring)!, recursive: true);
            await kubectl.RunAsync("delete", "-n", ns, "-f", RepositoryPaths.Combine("examples"), "--ignore-not-found", "--timeout=120s");
        }

        var used = UsedBy(OperatorUser, await File.ReadAllLinesAsync(plane.AuditLogPath, _ct));
        var chart = await HelmChart.TemplateAsync();
        var granted = RbacRule.Of(chart.All<V1ClusterRole>().Where(r => r.Metadata.Labels?.Keys.Any(k => k.StartsWith("rbac.authorization.k8s.io/aggregate-to-", StringComparison.Ordinal)) != true).SelectMany(r => r.Rules))
            .Union(RbacRule.Of(chart.All<V1Role>().SelectMany(r => r.Rules)))
            .ToHashSet();

        Assert.True(used.Count > 0, $"no request of {OperatorUser} in the audit log");
        Assert.True(used.IsSubsetOf(granted), "the operator used permissions the chart does not grant: " + string.Join(", ", used.Except(granted).Select(r => r.ToString()).Order(StringComparer.Ordinal)));
        Assert.True(granted.IsSubsetOf(used), "the chart grants permissions the operator never used: " + string.Join(", ", granted.Except(used).Select(r => r.ToString()).Order(StringComparer.Ordinal)));
    }

    private static HashSet<RbacRule> UsedBy(string user, IEnumerable<string> auditLines) =>
    [
        .. auditLines
            .Select(line => JsonNode.Parse(line)!)
            .Where(e => e["user"]?["username"]?.GetValue<string>() == user && e["objectRef"] is not null)
            .Select(e => new RbacRule(
                e["objectRef"]!["apiGroup"]?.GetValue<string>() ?? "",
                e["objectRef"]!["resource"]!.GetValue<string>() + (e["objectRef"]!["subresource"] is { } sub ? "/" + sub.GetValue<string>() : ""),
                e["verb"]!.GetValue<string>())),
    ];
}

using k8s.Models;

namespace Integration.Tests.Chart;

/// <summary>
/// The operator gets exactly the permissions it uses: a cluster admin reviewing the chart sees
/// no wildcard, no Secret access, and a Lease permission only in the operator's own namespace.
/// </summary>
public sealed class RbacTests
{
    public static TheoryData<string> Variants =>
    [
        "",
        "--set watchNamespaces={team-a,team-b}",
        "--set leaderElection.enabled=false --set rbac.aggregateToDefaultRoles=false",
    ];

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task No_role_uses_a_wildcard_or_reads_secrets(string values)
    {
        var chart = await HelmChart.TemplateAsync(values.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        var rules = chart.All<V1ClusterRole>().SelectMany(r => r.Rules).Concat(chart.All<V1Role>().SelectMany(r => r.Rules)).ToList();
        Assert.NotEmpty(rules);
        foreach (var rule in RbacRule.Of(rules))
        {
            Assert.DoesNotContain("*", rule.ApiGroup, StringComparison.Ordinal);
            Assert.DoesNotContain("*", rule.Resource, StringComparison.Ordinal);
            Assert.DoesNotContain("*", rule.Verb, StringComparison.Ordinal);
            Assert.NotEqual("secrets", rule.Resource);
        }

        Assert.All(rules, rule => Assert.True(rule.NonResourceURLs is null or { Count: 0 }, "no rule grants non-resource URLs"));
    }

    [Fact]
    public async Task Cluster_role_grants_exactly_what_the_operator_uses()
    {
        var chart = await HelmChart.TemplateAsync();

        var bindings = chart.All<V1ClusterRoleBinding>().ToList();
        Assert.Equal(2, bindings.Count);
        Assert.All(bindings, binding => AssertBindsOperator(chart, binding.Subjects));
        var roles = bindings.Select(binding => Assert.Single(chart.All<V1ClusterRole>(), r => r.Metadata.Name == binding.RoleRef.Name)).ToList();
        Assert.Contains(roles, role => RbacRule.Of(role.Rules).SetEquals(RbacRule.Operator));
        AssertReadsOnlyItsOwnDefinitions(chart);
    }

    [Fact]
    public async Task Leases_are_granted_only_in_the_release_namespace()
    {
        var chart = await HelmChart.TemplateAsync();

        Assert.DoesNotContain(chart.All<V1ClusterRole>().SelectMany(r => RbacRule.Of(r.Rules)), rule => rule.Resource == "leases");
        var role = Assert.Single(chart.All<V1Role>());
        Assert.Equal(HelmChart.ReleaseNamespace, role.Metadata.NamespaceProperty);
        Assert.Equal(RbacRule.LeaderElection, RbacRule.Of(role.Rules));
        var binding = Assert.Single(chart.All<V1RoleBinding>(), b => b.RoleRef.Name == role.Metadata.Name);
        Assert.Equal(("Role", HelmChart.ReleaseNamespace), (binding.RoleRef.Kind, binding.Metadata.NamespaceProperty));
        AssertBindsOperator(chart, binding.Subjects);
    }

    [Fact]
    public async Task Without_leader_election_there_is_no_lease_permission()
    {
        var chart = await HelmChart.TemplateAsync("--set", "leaderElection.enabled=false");

        Assert.Empty(chart.All<V1Role>());
        Assert.Empty(chart.All<V1RoleBinding>());
    }

    [Fact]
    public async Task Watched_namespaces_get_roles_and_nothing_cluster_wide()
    {
        var chart = await HelmChart.TemplateAsync("--set", "watchNamespaces={team-a,team-b}");

        Assert.Contains("--watch-namespace=team-a,team-b", chart.Container.Args);
        // Cluster-wide only the operator's own CRDs (read), and the ones for users (aggregated into view/edit/admin).
        var clusterBinding = Assert.Single(chart.All<V1ClusterRoleBinding>());
        AssertBindsOperator(chart, clusterBinding.Subjects);
        Assert.Equal(clusterBinding.RoleRef.Name, AssertReadsOnlyItsOwnDefinitions(chart).Metadata.Name);
        Assert.All(chart.All<V1ClusterRole>().Where(r => r.Metadata.Name != clusterBinding.RoleRef.Name), role => Assert.Contains(
            role.Metadata.Labels.Keys, key => key.StartsWith("rbac.authorization.k8s.io/aggregate-to-", StringComparison.Ordinal)));
        foreach (var ns in new[] { "team-a", "team-b" })
        {
            var role = Assert.Single(chart.All<V1Role>(), r => r.Metadata.NamespaceProperty == ns);
            Assert.Equal(RbacRule.Operator, RbacRule.Of(role.Rules));
            var binding = Assert.Single(chart.All<V1RoleBinding>(), b => b.Metadata.NamespaceProperty == ns);
            Assert.Equal(("Role", role.Metadata.Name), (binding.RoleRef.Kind, binding.RoleRef.Name));
            AssertBindsOperator(chart, binding.Subjects);
        }

        var leases = Assert.Single(chart.All<V1Role>(), r => RbacRule.Of(r.Rules).SetEquals(RbacRule.LeaderElection));
        Assert.Equal(HelmChart.ReleaseNamespace, leases.Metadata.NamespaceProperty);
    }

    [Fact]
    public async Task Users_get_neevcloud_resources_through_the_default_view_edit_and_admin_roles()
    {
        var chart = await HelmChart.TemplateAsync();
        var off = await HelmChart.TemplateAsync("--set", "rbac.aggregateToDefaultRoles=false");

        string[] resources = ["projects", "virtualmachines", "rootdisks"];
        var view = Assert.Single(chart.All<V1ClusterRole>(), r => Aggregates(r, "view"));
        Assert.Equal(RbacRule.Expand("neevcloud.com", resources, ["get", "list", "watch"]).ToHashSet(), RbacRule.Of(view.Rules));
        var edit = Assert.Single(chart.All<V1ClusterRole>(), r => Aggregates(r, "edit"));
        Assert.True(Aggregates(edit, "admin"), "the edit role also aggregates to admin");
        Assert.Equal(
            RbacRule.Expand("neevcloud.com", resources, ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"]).ToHashSet(),
            RbacRule.Of(edit.Rules));
        Assert.DoesNotContain(chart.All<V1ClusterRole>(), r => Aggregates(r, "view") && Aggregates(r, "edit"));
        Assert.DoesNotContain(off.All<V1ClusterRole>(), r => Aggregates(r, "view") || Aggregates(r, "edit") || Aggregates(r, "admin"));
    }

    private static V1ClusterRole AssertReadsOnlyItsOwnDefinitions(RenderedChart chart)
    {
        var role = Assert.Single(chart.All<V1ClusterRole>(), r => RbacRule.Of(r.Rules).SetEquals(RbacRule.Definitions));
        var rule = Assert.Single(role.Rules);
        Assert.Equal(["projects.neevcloud.com", "rootdisks.neevcloud.com", "virtualmachines.neevcloud.com"], rule.ResourceNames.Order(StringComparer.Ordinal));
        return role;
    }

    private static bool Aggregates(V1ClusterRole role, string to) =>
        role.Metadata.Labels?.TryGetValue($"rbac.authorization.k8s.io/aggregate-to-{to}", out var value) == true && value == "true";

    private static void AssertBindsOperator(RenderedChart chart, IList<Rbacv1Subject> subjects)
    {
        var subject = Assert.Single(subjects);
        Assert.Equal(("ServiceAccount", chart.PodSpec.ServiceAccountName, HelmChart.ReleaseNamespace), (subject.Kind, subject.Name, subject.NamespaceProperty));
    }
}

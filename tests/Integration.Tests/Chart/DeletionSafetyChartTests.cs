using k8s.Models;

namespace Integration.Tests.Chart;

/// <summary>The chart's deletion safety settings: the breaker's limits reach the operator, the admission policy is opt-in.</summary>
public sealed class DeletionSafetyChartTests
{
    [Fact]
    public async Task The_breaker_settings_reach_the_operator_as_configuration()
    {
        var defaults = await HelmChart.TemplateAsync();
        var tuned = await HelmChart.TemplateAsync("--set", "deletionSafety.breaker.maxDeletes=25", "--set", "deletionSafety.breaker.window=00:10:00");

        Assert.Equal(("10", "00:05:00"), Breaker(defaults));
        Assert.Equal(("25", "00:10:00"), Breaker(tuned));
    }

    [Fact]
    public async Task No_admission_policy_unless_asked_for()
    {
        var chart = await HelmChart.TemplateAsync();

        Assert.Empty(chart.All<V1ValidatingAdmissionPolicy>());
        Assert.Empty(chart.All<V1ValidatingAdmissionPolicyBinding>());
    }

    [Fact]
    public async Task The_admission_policy_refuses_deleting_protected_resources_of_the_three_kinds()
    {
        var chart = await HelmChart.TemplateAsync("--set", "deletionSafety.admissionPolicy=true");

        var policy = Assert.Single(chart.All<V1ValidatingAdmissionPolicy>());
        var rule = Assert.Single(policy.Spec.MatchConstraints.ResourceRules);
        Assert.Equal(["DELETE"], rule.Operations);
        Assert.Equal(["neevcloud.com"], rule.ApiGroups);
        Assert.Equal(["projects", "rootdisks", "virtualmachines"], rule.Resources.Order(StringComparer.Ordinal));
        Assert.Equal("Fail", policy.Spec.FailurePolicy);
        Assert.Contains("oldObject.spec.deletionProtection", Assert.Single(policy.Spec.Validations).Expression, StringComparison.Ordinal);
        var binding = Assert.Single(chart.All<V1ValidatingAdmissionPolicyBinding>());
        Assert.Equal((policy.Metadata.Name, "Deny"), (binding.Spec.PolicyName, Assert.Single(binding.Spec.ValidationActions)));
        Assert.Null(binding.Spec.MatchResources);
    }

    [Fact]
    public async Task With_watched_namespaces_the_admission_policy_applies_only_there()
    {
        var chart = await HelmChart.TemplateAsync("--set", "deletionSafety.admissionPolicy=true", "--set", "watchNamespaces={team-a,team-b}");

        var selector = Assert.Single(chart.All<V1ValidatingAdmissionPolicyBinding>()).Spec.MatchResources.NamespaceSelector;
        var expression = Assert.Single(selector.MatchExpressions);
        Assert.Equal(("kubernetes.io/metadata.name", "In"), (expression.Key, expression.OperatorProperty));
        Assert.Equal(["team-a", "team-b"], expression.Values);
    }

    private static (string? MaxDeletes, string? Window) Breaker(RenderedChart chart) =>
        (chart.Container.Env.Single(e => e.Name == "Operator__DeletionBreaker__MaxDeletes").Value,
         chart.Container.Env.Single(e => e.Name == "Operator__DeletionBreaker__Window").Value);
}

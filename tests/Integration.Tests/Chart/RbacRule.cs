using k8s.Models;

namespace Integration.Tests.Chart;

/// <summary>One permission: a verb on a resource of an API group. Rules are compared as sets of these.</summary>
internal sealed record RbacRule(string ApiGroup, string Resource, string Verb)
{
    /// <summary>What the operator itself uses, wherever it watches (DEVELOPERS.md, the runtime and controllers).</summary>
    public static IReadOnlySet<RbacRule> Operator { get; } = new HashSet<RbacRule>(
    [
        .. Expand("neevcloud.com", ["projects", "virtualmachines", "rootdisks"], ["list", "watch", "patch"]),
        .. Expand("neevcloud.com", ["rootdisks"], ["create"]),
        .. Expand("neevcloud.com", ["virtualmachines"], ["delete"]),
        .. Expand("neevcloud.com", ["projects/status", "virtualmachines/status", "rootdisks/status"], ["patch"]),
        .. Expand("events.k8s.io", ["events"], ["create"]),
    ]);

    /// <summary>Cluster-wide whatever is watched: its own CRDs, to tell an uninstall from a deletion (only their names are granted).</summary>
    public static IReadOnlySet<RbacRule> Definitions { get; } =
        new HashSet<RbacRule>(Expand("apiextensions.k8s.io", ["customresourcedefinitions"], ["get"]));

    public static IReadOnlySet<RbacRule> LeaderElection { get; } =
        new HashSet<RbacRule>(Expand("coordination.k8s.io", ["leases"], ["get", "create", "update"]));

    public static IEnumerable<RbacRule> Expand(string apiGroup, IEnumerable<string> resources, IEnumerable<string> verbs) =>
        from resource in resources from verb in verbs select new RbacRule(apiGroup, resource, verb);

    public static HashSet<RbacRule> Of(IEnumerable<V1PolicyRule>? rules) =>
    [
        .. from rule in rules ?? []
           from apiGroup in rule.ApiGroups ?? []
           from resource in rule.Resources ?? []
           from verb in rule.Verbs ?? []
           select new RbacRule(apiGroup, resource, verb),
    ];
}

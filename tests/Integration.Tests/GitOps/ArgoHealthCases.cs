using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using NeevCloud.Crds.Projects;
using NeevCloud.Operator.Runtime;

namespace Integration.Tests.GitOps;

/// <summary>
/// The statuses the operator writes, built with its own C# (Readiness and Conditions), and the
/// Argo CD health each must read as. Named, so a failure says which case broke.
/// </summary>
internal static class ArgoHealthCases
{
    private const string Running = "VM is running";
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static IReadOnlyDictionary<string, ArgoHealthCase> All { get; } = new Dictionary<string, ArgoHealthCase>(StringComparer.Ordinal)
    {
        ["no status"] = new(Resource(1, status: null).Without("status"), "Progressing", "Waiting for the operator"),
        ["status without conditions"] = new(Resource(1, status: null), "Progressing", "Waiting for the operator"),
        ["Ready=True"] = new(Reporting(Readiness.IsReady("Running", Running)), "Healthy", Running),
        ["Ready=True without a message"] = new(Reporting(Readiness.IsReady("Active")), "Healthy", "Active"),
        ["Ready=False, Reconciling=True"] = new(
            Reporting(Readiness.InProgress("Provisioning", "VM is provisioning")), "Progressing", "VM is provisioning"),
        ["Ready=Unknown"] = new(
            Reporting(Readiness.IsUnknown("UnknownStatus", "VM status 'hibernating'")), "Progressing", "VM status 'hibernating'"),
        ["Stalled=True"] = new(Reporting(Readiness.IsStalled("Failed", "no GPU capacity")), "Degraded", "no GPU capacity"),
        ["VM replacement waiting for approval"] = new(
            Reporting(Readiness.InProgress("ReplacementPendingApproval", "the spec changes vmConfigId; approve with neevcloud.com/approve-replacement=\"2\"")),
            "Progressing",
            "approve with neevcloud.com/approve-replacement"),
        ["VM replacement refused"] = new(
            Reporting(Readiness.IsStalled("ReplacementRefused", "the replacement would delete data; set spec.allowDataLoss: true")), "Degraded", "allowDataLoss"),
        ["Ready=False alone"] = new(
            Resource(1, s => Conditions.Set(s.Conditions, ConditionTypes.Ready, "False", "ProjectNotReady", "waiting for Project ml-team", 1, Now)),
            "Progressing",
            "waiting for Project ml-team"),
        ["Reconciling=True while Ready=True"] = new(
            Resource(1, s =>
            {
                Conditions.Apply(s, Readiness.IsReady("Running", Running), 1, Now);
                Conditions.Set(s.Conditions, ConditionTypes.Reconciling, "True", "Resizing", "root disk is being resized", 1, Now);
            }),
            "Progressing",
            "root disk is being resized"),
        // Right after kubectl apply: the API server fills in status.observedGeneration 0 (the CRD's default).
        ["spec not yet observed"] = new(Resource(1, s => s.ObservedGeneration = 0), "Progressing", "Waiting for the operator"),
        ["spec change not yet observed"] = new(
            Reporting(Readiness.IsReady("Running", Running), generation: 2, observed: 1).WithSpec(), "Progressing", "has not yet seen generation 2"),
        ["stale status.observedGeneration"] = new(
            Reporting(Readiness.IsReady("Running", Running), generation: 2, observed: 1), "Progressing", "has not yet seen generation 2"),
        ["stale Ready.observedGeneration"] = new(
            Resource(2, s =>
            {
                Conditions.Apply(s, Readiness.IsReady("Running", Running), 1, Now);
                s.ObservedGeneration = null;
            }),
            "Progressing",
            "has not yet seen generation 2"),
        ["stale Stalled verdict"] = new(
            Reporting(Readiness.IsStalled("Failed", "no GPU capacity"), generation: 3, observed: 2), "Progressing", "has not yet seen generation 3"),
    };

    /// <summary>A resource whose status the operator wrote for <paramref name="readiness"/> at generation <paramref name="observed"/>.</summary>
    private static JsonObject Reporting(Readiness readiness, long generation = 1, long observed = 1) =>
        Resource(generation, s => Conditions.Apply(s, readiness, observed, Now));

    private static JsonObject Resource(long generation, Action<ProjectStatus>? status)
    {
        var project = new Project
        {
            Metadata = new V1ObjectMeta { Name = "ml-team", NamespaceProperty = "team-a", Generation = generation, Uid = Guid.Empty.ToString() },
        };
        status?.Invoke(project.Status);
        return JsonNode.Parse(KubernetesJson.Serialize(project))!.AsObject();
    }

    private static JsonObject WithSpec(this JsonObject resource)
    {
        resource["spec"] = new JsonObject { ["displayName"] = "ML team", ["description"] = "changed in the last sync" };
        return resource;
    }

    private static JsonObject Without(this JsonObject resource, string field)
    {
        resource.Remove(field);
        return resource;
    }
}

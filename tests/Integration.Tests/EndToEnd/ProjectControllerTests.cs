using Integration.Tests.Crds;
using Integration.Tests.Infrastructure;
using NeevCloud.Crds.Projects;
using NeevCloud.Operator.Runtime;

namespace Integration.Tests.EndToEnd;

/// <summary>
/// The Project kind end to end: kubectl → real API server → operator (in-process) → NeevCloud simulator.
/// The lifecycle's branches (pause, orphan, name conflicts, 409s, lost answers) are tested in memory
/// (Operator.Tests: ManagedReconcilerTests, ProjectLifecycleTests); this journey is adoption and drift.
/// </summary>
public sealed class ProjectControllerTests(KubernetesFixture cluster) : OperatorScenario(cluster, "proj")
{
    [Fact]
    public async Task A_project_named_by_id_is_adopted_and_its_drift_corrected()
    {
        var existing = await Cloud.CreateProjectAsync("legacy", Ct);
        var id = existing["id"]!.GetValue<string>();
        await StartOperatorAsync();

        await ApplyAsync($$"""
            apiVersion: neevcloud.com/v1alpha1
            kind: Project
            metadata: {name: adopted}
            spec: {displayName: legacy, projectId: "{{id}}"}
            """);
        Assert.Equal(id, (await WaitForReadyAsync<Project>("adopted")).Status.ProjectId);

        await Cloud.RenameProjectAsync(id, "renamed-in-console", Ct);

        await Eventually.AssertAsync(async () => Assert.Single(await Cloud.ProjectsNamedAsync("legacy", Ct)), Timeout, Ct);
        Assert.Empty(await Cloud.ProjectsNamedAsync("renamed-in-console", Ct));
    }
}

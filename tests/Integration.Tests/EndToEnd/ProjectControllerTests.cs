using Integration.Tests.Crds;
using Integration.Tests.Infrastructure;
using NeevCloud.Crds.Projects;
using NeevCloud.Operator.Runtime;

namespace Integration.Tests.EndToEnd;

/// <summary>
/// The Project controller end to end: kubectl → real API server → operator (in-process) →
/// NeevCloud simulator, checking what a user sees in status and what exists in the cloud.
/// </summary>
public sealed class ProjectControllerTests(KubernetesFixture cluster) : OperatorScenario(cluster, "proj")
{
    private EntityClient<Project> Projects => new(Cluster.Client);

    [Fact]
    public async Task An_applied_project_becomes_ready_with_its_cloud_id_in_kubectl_get()
    {
        await StartOperatorAsync();

        await ApplyAsync("""
            apiVersion: neevcloud.com/v1alpha1
            kind: Project
            metadata: {name: team-a}
            spec: {displayName: Team A, description: GPU experiments}
            """);

        var ready = await WaitForReadyAsync<Project>("team-a");
        var cloud = Assert.Single(await Cloud.ProjectsNamedAsync("Team A", Ct));
        Assert.Equal(cloud["id"]!.GetValue<string>(), ready.Status.ProjectId);
        Assert.Equal("active", ready.Status.State);
        var get = await Cluster.KubectlAsync(["get", "nproj", "team-a", "-n", Ns], cancellationToken: Ct);
        Assert.Contains(ready.Status.ProjectId!, get.StdOut, StringComparison.Ordinal);
        Assert.Contains("True", get.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_taken_by_someone_else_is_reported_and_never_adopted()
    {
        await Cloud.CreateProjectAsync("shared-name", Ct);
        await StartOperatorAsync();

        await ApplyAsync("""
            apiVersion: neevcloud.com/v1alpha1
            kind: Project
            metadata: {name: clash}
            spec: {displayName: shared-name}
            """);

        await Eventually.AssertAsync(async () =>
        {
            var project = await Projects.GetAsync(Ns, "clash", Ct);
            var ready = Conditions.Find(project!.Status?.Conditions, ConditionTypes.Ready);
            Assert.Equal(("False", "NameConflict"), (ready?.Status, ready?.Reason));
            Assert.True(Conditions.IsTrue(project.Status!.Conditions, ConditionTypes.Stalled));
            Assert.Null(project.Status.ProjectId);
        }, Timeout, Ct);
        Assert.Single(await Cloud.ProjectsNamedAsync("shared-name", Ct));
        var creates = await Cloud.CallsAsync("createProject", Ct);
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);
        Assert.Equal(creates, await Cloud.CallsAsync("createProject", Ct));
    }

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

    [Fact]
    public async Task Deletion_waits_for_dependents_in_the_cluster_and_then_deletes_the_cloud_project()
    {
        await StartOperatorAsync();
        var id = await CreateReadyProjectAsync("busy");
        await ApplyAsync("""
            apiVersion: neevcloud.com/v1alpha1
            kind: RootDisk
            metadata: {name: data-disk}
            spec: {projectRef: {name: busy}, diskId: 3f6c2a1e-8a4b-4c5d-9e0f-1a2b3c4d5e6f}
            """);

        await DeleteAsync("nproj", "busy");

        await Eventually.AssertAsync(async () =>
        {
            var project = await Projects.GetAsync(Ns, "busy", Ct);
            var reconciling = Conditions.Find(project!.Status.Conditions, ConditionTypes.Reconciling)!;
            Assert.Equal("DependentsExist", reconciling.Reason);
            Assert.Contains("RootDisk/data-disk", reconciling.Message, StringComparison.Ordinal);
        }, Timeout, Ct);
        Assert.True(await Cloud.ProjectExistsAsync(id, Ct));

        await DeleteAsync("nrd", "data-disk");

        await WaitUntilGoneAsync<Project>("busy");
        Assert.False(await Cloud.ProjectExistsAsync(id, Ct));
    }

    [Fact]
    public async Task A_cloud_conflict_on_delete_is_reported_with_the_counts_until_resolved()
    {
        await StartOperatorAsync();
        var id = await CreateReadyProjectAsync("keyed");
        await Cloud.SetProjectCountsAsync(id, apiKeys: 2, Ct);

        await DeleteAsync("nproj", "keyed");

        await Eventually.AssertAsync(async () =>
        {
            var project = await Projects.GetAsync(Ns, "keyed", Ct);
            Assert.Equal("CloudResourcesExist", Conditions.Find(project!.Status.Conditions, ConditionTypes.Reconciling)!.Reason);
            Assert.Equal(2, project.Status.BlockingCounts!.ApiKeys);
        }, Timeout, Ct);

        await Cloud.SetProjectCountsAsync(id, apiKeys: 0, Ct);

        await WaitUntilGoneAsync<Project>("keyed");
        Assert.False(await Cloud.ProjectExistsAsync(id, Ct));
    }

    [Fact]
    public async Task An_orphaned_project_stays_in_the_cloud()
    {
        await StartOperatorAsync();
        var id = await CreateReadyProjectAsync("keep-me", "{deletionPolicy: Orphan}");

        await DeleteAsync("nproj", "keep-me");

        await WaitUntilGoneAsync<Project>("keep-me");
        Assert.True(await Cloud.ProjectExistsAsync(id, Ct));
    }

    [Fact]
    public async Task A_lost_create_response_and_an_operator_restart_leave_exactly_one_cloud_project()
    {
        await Cloud.LoseResponsesAsync("createProject", times: 1, Ct);
        await StartOperatorAsync();

        await ApplyAsync("""
            apiVersion: neevcloud.com/v1alpha1
            kind: Project
            metadata: {name: once}
            """);
        await Eventually.AssertAsync(async () => Assert.True(await Cloud.CallsAsync("createProject", Ct) >= 1), Timeout, Ct);
        await StopOperatorAsync();
        await StartOperatorAsync();

        var ready = await WaitForReadyAsync<Project>("once");
        var cloud = Assert.Single(await Cloud.ProjectsNamedAsync("once", Ct));
        Assert.Equal(cloud["id"]!.GetValue<string>(), ready.Status.ProjectId);
        Assert.Equal(1, await Cloud.CallsAsync("createProject", Ct));
    }

    [Fact]
    public async Task A_paused_project_makes_no_cloud_calls()
    {
        await StartOperatorAsync();

        await ApplyAsync("""
            apiVersion: neevcloud.com/v1alpha1
            kind: Project
            metadata: {name: frozen, annotations: {neevcloud.com/paused: "true"}}
            """);
        await ApplyAsync("""
            apiVersion: neevcloud.com/v1alpha1
            kind: Project
            metadata: {name: live}
            """);

        await WaitForReadyAsync<Project>("live");
        Assert.Empty(await Cloud.ProjectsNamedAsync("frozen", Ct));
        Assert.Null((await Projects.GetAsync(Ns, "frozen", Ct))!.Status?.ProjectId);
    }

    /// <summary>Applies a Project, waits until it is Ready and returns its cloud id.</summary>
    private async Task<string> CreateReadyProjectAsync(string name, string spec = "{}")
    {
        await ApplyAsync($$"""
            apiVersion: neevcloud.com/v1alpha1
            kind: Project
            metadata: {name: {{name}}}
            spec: {{spec}}
            """);
        return (await WaitForReadyAsync<Project>(name)).Status.ProjectId!;
    }
}

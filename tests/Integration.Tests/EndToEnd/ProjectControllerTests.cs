using Integration.Tests.Crds;
using Integration.Tests.Infrastructure;
using NeevCloud.Crds.Projects;
using NeevCloud.Operator.Runtime;

namespace Integration.Tests.EndToEnd;

/// <summary>
/// The Project controller end to end: kubectl → real API server → operator (in-process) →
/// NeevCloud simulator, checking what a user sees in status and what exists in the cloud.
/// </summary>
public sealed class ProjectControllerTests(KubernetesFixture cluster) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private CloudSimulator _cloud = null!;
    private OperatorUnderTest? _operator;
    private string _ns = "";

    private EntityClient<Project> Projects => new(cluster.Client);

    public async ValueTask InitializeAsync()
    {
        await NeevCrds.InstallAsync(cluster);
        _ns = await cluster.CreateNamespaceAsync("proj", _ct);
        _cloud = await CloudSimulator.StartAsync(_ct);
    }

    public async ValueTask DisposeAsync()
    {
        await NeevCrds.DeleteAllAsync(cluster, _ns);
        if (_operator is not null)
        {
            await _operator.DisposeAsync();
        }

        await _cloud.DisposeAsync();
    }

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

        var ready = await WaitForReadyAsync("team-a");
        var cloud = Assert.Single(await _cloud.ProjectsNamedAsync("Team A", _ct));
        Assert.Equal(cloud["id"]!.GetValue<string>(), ready.Status.ProjectId);
        Assert.Equal("active", ready.Status.State);
        var get = await cluster.KubectlAsync(["get", "nproj", "team-a", "-n", _ns], cancellationToken: _ct);
        Assert.Contains(ready.Status.ProjectId!, get.StdOut, StringComparison.Ordinal);
        Assert.Contains("True", get.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_taken_by_someone_else_is_reported_and_never_adopted()
    {
        await _cloud.CreateProjectAsync("shared-name", _ct);
        await StartOperatorAsync();

        await ApplyAsync("""
            apiVersion: neevcloud.com/v1alpha1
            kind: Project
            metadata: {name: clash}
            spec: {displayName: shared-name}
            """);

        await Eventually.AssertAsync(async () =>
        {
            var project = await Projects.GetAsync(_ns, "clash", _ct);
            var ready = Conditions.Find(project!.Status?.Conditions, ConditionTypes.Ready);
            Assert.Equal(("False", "NameConflict"), (ready?.Status, ready?.Reason));
            Assert.True(Conditions.IsTrue(project.Status!.Conditions, ConditionTypes.Stalled));
            Assert.Null(project.Status.ProjectId);
        }, Timeout, _ct);
        Assert.Single(await _cloud.ProjectsNamedAsync("shared-name", _ct));
        var creates = await _cloud.CallsAsync("createProject", _ct);
        await Task.Delay(TimeSpan.FromSeconds(3), _ct);
        Assert.Equal(creates, await _cloud.CallsAsync("createProject", _ct));
    }

    [Fact]
    public async Task A_project_named_by_id_is_adopted_and_its_drift_corrected()
    {
        var existing = await _cloud.CreateProjectAsync("legacy", _ct);
        var id = existing["id"]!.GetValue<string>();
        await StartOperatorAsync();

        await ApplyAsync($$"""
            apiVersion: neevcloud.com/v1alpha1
            kind: Project
            metadata: {name: adopted}
            spec: {displayName: legacy, projectId: "{{id}}"}
            """);
        Assert.Equal(id, (await WaitForReadyAsync("adopted")).Status.ProjectId);

        await _cloud.RenameProjectAsync(id, "renamed-in-console", _ct);

        await Eventually.AssertAsync(async () => Assert.Single(await _cloud.ProjectsNamedAsync("legacy", _ct)), Timeout, _ct);
        Assert.Empty(await _cloud.ProjectsNamedAsync("renamed-in-console", _ct));
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
            var project = await Projects.GetAsync(_ns, "busy", _ct);
            var reconciling = Conditions.Find(project!.Status.Conditions, ConditionTypes.Reconciling)!;
            Assert.Equal("DependentsExist", reconciling.Reason);
            Assert.Contains("RootDisk/data-disk", reconciling.Message, StringComparison.Ordinal);
        }, Timeout, _ct);
        Assert.True(await _cloud.ProjectExistsAsync(id, _ct));

        await DeleteAsync("nrd", "data-disk");

        await WaitUntilGoneAsync("busy");
        Assert.False(await _cloud.ProjectExistsAsync(id, _ct));
    }

    [Fact]
    public async Task A_cloud_conflict_on_delete_is_reported_with_the_counts_until_resolved()
    {
        await StartOperatorAsync();
        var id = await CreateReadyProjectAsync("keyed");
        await _cloud.SetProjectCountsAsync(id, apiKeys: 2, _ct);

        await DeleteAsync("nproj", "keyed");

        await Eventually.AssertAsync(async () =>
        {
            var project = await Projects.GetAsync(_ns, "keyed", _ct);
            Assert.Equal("CloudResourcesExist", Conditions.Find(project!.Status.Conditions, ConditionTypes.Reconciling)!.Reason);
            Assert.Equal(2, project.Status.BlockingCounts!.ApiKeys);
        }, Timeout, _ct);

        await _cloud.SetProjectCountsAsync(id, apiKeys: 0, _ct);

        await WaitUntilGoneAsync("keyed");
        Assert.False(await _cloud.ProjectExistsAsync(id, _ct));
    }

    [Fact]
    public async Task An_orphaned_project_stays_in_the_cloud()
    {
        await StartOperatorAsync();
        var id = await CreateReadyProjectAsync("keep-me", "{deletionPolicy: Orphan}");

        await DeleteAsync("nproj", "keep-me");

        await WaitUntilGoneAsync("keep-me");
        Assert.True(await _cloud.ProjectExistsAsync(id, _ct));
    }

    [Fact]
    public async Task A_lost_create_response_and_an_operator_restart_leave_exactly_one_cloud_project()
    {
        await _cloud.LoseResponsesAsync("createProject", times: 1, _ct);
        await StartOperatorAsync();

        await ApplyAsync("""
            apiVersion: neevcloud.com/v1alpha1
            kind: Project
            metadata: {name: once}
            """);
        await Eventually.AssertAsync(async () => Assert.True(await _cloud.CallsAsync("createProject", _ct) >= 1), Timeout, _ct);
        await _operator!.StopAsync();
        await StartOperatorAsync();

        var ready = await WaitForReadyAsync("once");
        var cloud = Assert.Single(await _cloud.ProjectsNamedAsync("once", _ct));
        Assert.Equal(cloud["id"]!.GetValue<string>(), ready.Status.ProjectId);
        Assert.Equal(1, await _cloud.CallsAsync("createProject", _ct));
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

        await WaitForReadyAsync("live");
        Assert.Empty(await _cloud.ProjectsNamedAsync("frozen", _ct));
        Assert.Null((await Projects.GetAsync(_ns, "frozen", _ct))!.Status?.ProjectId);
    }

    private async Task StartOperatorAsync()
    {
        if (_operator is not null)
        {
            await _operator.DisposeAsync();
        }

        _operator = await OperatorUnderTest.StartAsync(cluster, _cloud, _ns, _ct);
    }

    private async Task ApplyAsync(string manifest)
    {
        var result = await cluster.KubectlAsync(["apply", "-n", _ns, "-f", "-"], manifest, _ct);
        Assert.True(result.ExitCode == 0, result.ToString());
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
        return (await WaitForReadyAsync(name)).Status.ProjectId!;
    }

    private async Task DeleteAsync(string resource, string name)
    {
        var result = await cluster.KubectlAsync(["delete", resource, name, "-n", _ns, "--wait=false"], cancellationToken: _ct);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    private Task WaitUntilGoneAsync(string name) =>
        Eventually.AssertAsync(async () => Assert.Null(await Projects.GetAsync(_ns, name, _ct)), Timeout, _ct);

    private async Task<Project> WaitForReadyAsync(string name)
    {
        Project? project = null;
        await Eventually.AssertAsync(async () =>
        {
            project = await Projects.GetAsync(_ns, name, _ct);
            Assert.True(Conditions.IsTrue(project?.Status?.Conditions, ConditionTypes.Ready), $"{name} is not Ready: {Describe(project)}");
        }, Timeout, _ct);
        return project!;
    }

    private static string Describe(Project? project) =>
        project?.Status?.Conditions is { } conditions
            ? string.Join("; ", conditions.Select(c => $"{c.Type}={c.Status} {c.Reason}: {c.Message}"))
            : "no status";
}

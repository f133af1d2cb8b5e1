using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NeevCloud.Crds.Projects;
using NeevCloud.Crds.RootDisks;
using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Cloud;
using NeevCloud.Operator.Controllers;
using NeevCloud.Operator.Controllers.Projects;
using NeevCloud.Operator.Runtime;
using NeevCloud.Operator.Runtime.Managed;
using NeevCloud.Operator.Tests.Cloud;
using Operator.Tests.Runtime.Managed;

namespace Operator.Tests.Controllers;

/// <summary>
/// The Project kind through the shared lifecycle, against the in-process simulator: the answers whose meaning
/// depends on the Tenant API's paths (a missing organization, a name someone else holds, a 409 on delete).
/// The cluster's caches are empty: these Projects have no dependents and no neighbours.
/// </summary>
public sealed class ProjectLifecycleTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero));
    private readonly RecordingEvents _events = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Defect 1: a mistyped organizationId (404) gave no condition at all and was retried for ever.
    [Fact]
    public async Task A_project_in_an_organization_that_does_not_exist_is_stalled_naming_it()
    {
        await using var cloud = await SimulatedCloud.StartAsync(Allowing("org-mistyped"));
        var reconciler = NewReconciler(cloud);
        var project = NewProject(p => p.Spec.OrganizationId = "org-mistyped");

        var result = await reconciler.ReconcileAsync(project, Ct);

        var stalled = Conditions.Find(project.Status.Conditions, ConditionTypes.Stalled);
        Assert.Equal(("True", "OrganizationNotFound"), (stalled?.Status, stalled?.Reason));
        Assert.Contains("org-mistyped", stalled!.Message, StringComparison.Ordinal);
        Assert.Equal("False", Conditions.Find(project.Status.Conditions, ConditionTypes.Ready)?.Status);
        Assert.False(result.Failed);
        Assert.Equal(0, await cloud.CountCallsAsync("createProject"));
    }

    [Fact]
    public async Task A_known_project_whose_organization_went_is_stalled_naming_the_organization()
    {
        await using var cloud = await SimulatedCloud.StartAsync(Allowing("org-gone"));
        var reconciler = NewReconciler(cloud);
        var project = NewProject(p =>
        {
            p.Spec.OrganizationId = "org-gone";
            p.Metadata.Annotations = new Dictionary<string, string> { [ManagedAnnotations.ExternalId] = "proj-1" };
        });

        await reconciler.ReconcileAsync(project, Ct);

        Assert.Equal("OrganizationNotFound", Conditions.Find(project.Status.Conditions, ConditionTypes.Stalled)?.Reason);
    }

    // The token serves every namespace: a namespace editor must not point it at another organization.
    [Fact]
    public async Task A_project_in_an_organization_outside_the_allow_list_is_refused_without_a_cloud_call()
    {
        await using var cloud = await SimulatedCloud.StartAsync();
        var reconciler = NewReconciler(cloud);
        var project = NewProject(p => p.Spec.OrganizationId = "org-elsewhere");

        await reconciler.ReconcileAsync(project, Ct);

        var stalled = Conditions.Find(project.Status.Conditions, ConditionTypes.Stalled)!;
        Assert.Equal(("True", "OrganizationNotAllowed"), (stalled.Status, stalled.Reason));
        Assert.Contains("org-elsewhere", stalled.Message, StringComparison.Ordinal);
        Assert.Empty((await cloud.Simulator.Admin.GetCallsAsync(Ct)).Calls);
    }

    [Fact]
    public async Task An_adopted_project_without_a_display_name_keeps_its_console_name()
    {
        await using var cloud = await SimulatedCloud.StartAsync();
        var existing = await cloud.CreateProjectAsync("Research (GPU)");
        var reconciler = NewReconciler(cloud);
        var project = NewProject(p => p.Spec.ProjectId = existing.Id);

        await reconciler.ReconcileAsync(project, Ct);

        Assert.Equal("True", Conditions.Find(project.Status.Conditions, ConditionTypes.Ready)?.Status);
        Assert.Equal("Research (GPU)", (await cloud.Client.GetProjectAsync(cloud.Org, existing.Id, Ct)).Name);
        Assert.Equal(0, await cloud.CountCallsAsync("updateProject"));
        Assert.Equal(NeevCloud.Crds.DeletionPolicy.Orphan, project.Status.DeletionPolicy);
    }

    [Fact]
    public async Task A_name_someone_else_holds_is_reported_and_never_adopted_or_created()
    {
        await using var cloud = await SimulatedCloud.StartAsync();
        await cloud.CreateProjectAsync("team");
        var reconciler = NewReconciler(cloud);
        var project = NewProject();

        await reconciler.ReconcileAsync(project, Ct);

        var stalled = Conditions.Find(project.Status.Conditions, ConditionTypes.Stalled)!;
        Assert.Equal(("True", "NameConflict"), (stalled.Status, stalled.Reason));
        Assert.Contains("spec.projectId", stalled.Message, StringComparison.Ordinal);
        Assert.Null(ManagedAnnotations.ExternalIdOf(project.Metadata));
        Assert.Equal(1, await cloud.CountCallsAsync("createProject")); // the colleague's
    }

    // Defect 9: after a create failed with a 5xx, any project of the same name was adopted.
    [Fact]
    public async Task After_a_failed_create_a_project_of_that_name_made_by_a_colleague_is_not_adopted()
    {
        await using var cloud = await SimulatedCloud.StartAsync();
        var reconciler = NewReconciler(cloud);
        var project = NewProject(p => p.Spec.Description = "the ml team's project");
        await cloud.SetFaultsAsync(new FaultRule("createProject", 503));

        await reconciler.ReconcileAsync(project, Ct);
        Assert.Equal("CreateOutcomeUnknown", Conditions.Find(project.Status.Conditions, ConditionTypes.Reconciling)?.Reason);

        await cloud.ClearFaultsAsync();
        var colleagues = await cloud.Client.CreateProjectAsync(cloud.Org, new CreateProjectRequest("team", "a colleague's project"), Ct);
        _time.Advance(TimeSpan.FromSeconds(10));
        await reconciler.ReconcileAsync(project, Ct);

        Assert.Equal("NameConflict", Conditions.Find(project.Status.Conditions, ConditionTypes.Stalled)?.Reason);
        Assert.Null(ManagedAnnotations.ExternalIdOf(project.Metadata));
        Assert.NotEqual(colleagues.Id, project.Status.ProjectId);
    }

    [Fact]
    public async Task After_a_lost_create_answer_the_project_it_made_is_adopted()
    {
        await using var cloud = await SimulatedCloud.StartAsync();
        var reconciler = NewReconciler(cloud);
        var project = NewProject(p => p.Spec.Description = "the ml team's project");
        await cloud.SetFaultsAsync(new FaultRule("createProject", Status: null, LostResponse: true, MaxCount: 1));

        await reconciler.ReconcileAsync(project, Ct);
        _time.Advance(TimeSpan.FromSeconds(10));
        await reconciler.ReconcileAsync(project, Ct);

        Assert.Equal(1, await cloud.CountCallsAsync("createProject"));
        Assert.NotNull(ManagedAnnotations.ExternalIdOf(project.Metadata));
        Assert.Equal("True", Conditions.Find(project.Status.Conditions, ConditionTypes.Ready)?.Status);
    }

    // Defect 10: a Project held by a cloud 409 was retried every 10 s for ever, without the counts.
    [Fact]
    public async Task A_deletion_the_cloud_refuses_with_409_reports_the_counts_and_backs_off()
    {
        await using var cloud = await SimulatedCloud.StartAsync();
        var reconciler = NewReconciler(cloud);
        var project = NewProject();
        await reconciler.ReconcileAsync(project, Ct);
        await cloud.SetProjectCountsAsync(project.Status.ProjectId!, apiKeys: 2, aiRuntimes: 0);

        project.Metadata.DeletionTimestamp = _time.GetUtcNow().UtcDateTime;
        var result = await reconciler.FinalizeAsync(project, Ct);

        Assert.False(result.Completed);
        Assert.True(result.Failed, "a refused deletion backs off instead of a fixed 10 s");
        Assert.True(result.RetryAfter >= TimeSpan.FromSeconds(10));
        var reconciling = Conditions.Find(project.Status.Conditions, ConditionTypes.Reconciling)!;
        Assert.Equal("CloudResourcesExist", reconciling.Reason);
        Assert.Contains("2 api keys", reconciling.Message, StringComparison.Ordinal);
        Assert.Equal(2, project.Status.BlockingCounts?.ApiKeys);
    }

    // A VM or disk that appears re-examines its Project; with 100 VMs per project that was 100 getProject calls.
    [Fact]
    public async Task A_settled_projects_passes_for_its_dependents_make_no_cloud_call_and_its_scheduled_refresh_does()
    {
        await using var cloud = await SimulatedCloud.StartAsync();
        var reconciler = NewReconciler(cloud);
        var project = NewProject(p => p.Spec.OrganizationId = cloud.Org);
        await reconciler.ReconcileAsync(project, Ct);
        await reconciler.ReconcileAsync(project, Ct);
        Assert.Equal("True", Conditions.Find(project.Status.Conditions, ConditionTypes.Ready)?.Status);
        var looked = await cloud.CountCallsAsync("getProject");

        for (var dependent = 0; dependent < 5; dependent++)
        {
            _time.Advance(TimeSpan.FromSeconds(10));
            await reconciler.ReconcileAsync(project, Ct);
        }

        Assert.Equal(looked, await cloud.CountCallsAsync("getProject"));
        _time.Advance(new RefreshOptions().Stable);
        await reconciler.ReconcileAsync(project, Ct);
        Assert.Equal(looked + 1, await cloud.CountCallsAsync("getProject"));

        project.Metadata.Generation++;
        await reconciler.ReconcileAsync(project, Ct);
        Assert.Equal(looked + 2, await cloud.CountCallsAsync("getProject"));
    }

    private ManagedReconciler<Project> NewReconciler(SimulatedCloud cloud)
    {
        var refresh = Options.Create(new RefreshOptions());
        var external = new ProjectExternalClient(
            cloud.Client, new ProjectDependents(EmptyCluster.Cache<VirtualMachine>(), EmptyCluster.Cache<RootDisk>()), EmptyCluster.Cache<Project>(), _events, refresh, _time);
        return KindReconciler.For(external, refresh, _events, _time, new ManagedOptions { CreateGracePeriod = TimeSpan.FromMinutes(1) });
    }

    private static Dictionary<string, string?> Allowing(string organization) => new() { ["NeevCloud:AllowedOrganizations:0"] = organization };

    private static Project NewProject(Action<Project>? change = null) => Lifecycle.New(change);
}

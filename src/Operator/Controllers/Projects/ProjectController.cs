using Microsoft.Extensions.Options;
using NeevCloud.Crds;
using NeevCloud.Crds.Projects;
using NeevCloud.Operator.Cloud;
using NeevCloud.Operator.Runtime;
using ProjectStatus = NeevCloud.Crds.Projects.ProjectStatus;

namespace NeevCloud.Operator.Controllers.Projects;

/// <summary>
/// Keeps a NeevCloud project in line with a Project resource (design §2.1): adopt or create
/// (crash-safe), correct name/description drift, report state; on deletion refuse while
/// resources in the cluster still use it, then delete it in the cloud.
/// </summary>
public sealed class ProjectController(
    INeevCloudClient cloud,
    ProjectDependents dependents,
    EventRecorder events,
    IOptions<RefreshOptions> refresh,
    TimeProvider time) : IEntityController<Project>, IEntityFinalizer<Project>
{
    private TimeSpan StableRefresh => refresh.Value.Stable;

    private TimeSpan BlockedRetry => refresh.Value.Blocked;

    public const string Name = "project";

    public async Task<ReconcileResult> ReconcileAsync(Project project, CancellationToken cancellationToken)
    {
        using var calls = CloudCallContext.BeginController(Name);
        var status = project.Status ??= new ProjectStatus();
        var org = OrganizationOf(project);
        status.OrganizationId = org;
        status.Dependents = [.. dependents.Of(project)];

        return await CloudCallAsync(project, async () =>
        {
            var cloudProject = status.ProjectId is null
                ? await AdoptOrCreateAsync(project, org, cancellationToken)
                : await ObserveAsync(project, org, status.ProjectId, cancellationToken);
            if (cloudProject is null)
            {
                // Intent recorded (or a conflict reported); the next pass goes on from there.
                return status.CreateRequestedAt is null ? ReconcileResult.After(StableRefresh) : ReconcileResult.After(TimeSpan.Zero);
            }

            status.ProjectId = cloudProject.Id;
            status.State = cloudProject.Status.Raw;
            status.BlockingCounts = null;
            Conditions.Apply(status, ProjectReadiness.ForCloudState(cloudProject.Status.Raw, cloudProject.Id), project.Metadata.Generation, time.GetUtcNow());
            return ReconcileResult.After(StableRefresh);
        });
    }

    public async Task<FinalizeResult> FinalizeAsync(Project project, CancellationToken cancellationToken)
    {
        using var calls = CloudCallContext.BeginController(Name);
        var status = project.Status ??= new ProjectStatus();
        if (project.Spec.DeletionPolicy == DeletionPolicy.Orphan)
        {
            return FinalizeResult.Done;
        }

        var blockers = dependents.Of(project);
        status.Dependents = [.. blockers];
        if (blockers.Count > 0)
        {
            var first = blockers[0].Split('/');
            SetStatus(project, Readiness.InProgress(
                "DependentsExist",
                $"deletion waits for {string.Join(", ", blockers)} in namespace {project.Metadata.NamespaceProperty}: delete {first[0]} {project.Metadata.NamespaceProperty}/{first[1]} first"));
            return FinalizeResult.Retry(BlockedRetry);
        }

        var org = OrganizationOf(project);
        var projectId = status.ProjectId ?? await FindCreatedByUsAsync(project, org, cancellationToken);
        if (projectId is null)
        {
            return FinalizeResult.Done;
        }

        try
        {
            await cloud.DeleteProjectAsync(org, projectId, cancellationToken);
            return FinalizeResult.Done;
        }
        catch (NeevCloudApiException ex) when (ex.Kind == CloudErrorKind.NotFound)
        {
            return FinalizeResult.Done;
        }
        catch (NeevCloudApiException ex) when (ex.Kind == CloudErrorKind.Conflict)
        {
            var counts = ex.ProjectDeletionConflict ?? new ProjectResourceCounts(0, 0, 0);
            status.BlockingCounts = new ProjectBlockingCounts
            {
                ApiKeys = counts.ApiKeys,
                Airuntimes = counts.AiRuntimes,
                StorageVolumes = counts.StorageVolumes,
            };
            SetStatus(project, Readiness.InProgress(
                "CloudResourcesExist",
                $"cloud reports {counts.ApiKeys} api keys, {counts.AiRuntimes} AI runtimes and {counts.StorageVolumes} storage volumes in project {projectId}; remove them in NeevCloud and deletion continues"));
            return FinalizeResult.Retry(BlockedRetry);
        }
    }

    private async Task<CloudProject?> AdoptOrCreateAsync(Project project, string org, CancellationToken cancellationToken)
    {
        var status = project.Status!;
        if (project.Spec.ProjectId is { Length: > 0 } adopted)
        {
            return await cloud.GetProjectAsync(org, adopted, cancellationToken);
        }

        var name = DisplayName(project);
        var existing = await FindByNameAsync(org, name, cancellationToken);
        if (status.CreateRequestedAt is null)
        {
            // Before any POST of ours, a project with this name is someone else's.
            if (existing is not null)
            {
                await ReportNameConflictAsync(project, org, cancellationToken);
                return null;
            }

            // Record the intent before the POST: after a crash between POST and status write,
            // the next pass finds the project by name instead of creating a second one.
            status.CreateRequestedAt = time.GetUtcNow().UtcDateTime;
            SetStatus(project, Readiness.InProgress("Creating", $"creating cloud project '{name}'"));
            return null;
        }

        if (existing is not null)
        {
            // Our earlier POST went through but its answer was lost.
            status.CreateRequestedAt = null;
            return existing;
        }

        try
        {
            var created = await cloud.CreateProjectAsync(org, new CreateProjectRequest(name, project.Spec.Description), cancellationToken);
            status.CreateRequestedAt = null;
            return created;
        }
        catch (NeevCloudApiException ex) when (ex.Kind == CloudErrorKind.Conflict)
        {
            // Created by someone else since our look-up: never adopt it silently.
            await ReportNameConflictAsync(project, org, cancellationToken);
            return null;
        }
    }

    private async Task ReportNameConflictAsync(Project project, string org, CancellationToken cancellationToken)
    {
        project.Status!.CreateRequestedAt = null;
        var message = $"a cloud project named '{DisplayName(project)}' already exists in organization {org}; choose another spec.displayName, or set spec.projectId to adopt it";
        SetStatus(project, Readiness.IsStalled("NameConflict", message));
        await events.RecordAsync(project, "Warning", "NameConflict", "Create", message, cancellationToken);
    }

    private async Task<CloudProject?> ObserveAsync(Project project, string org, string projectId, CancellationToken cancellationToken)
    {
        CloudProject current;
        try
        {
            current = await cloud.GetProjectAsync(org, projectId, cancellationToken);
        }
        catch (NeevCloudApiException ex) when (ex.Kind == CloudErrorKind.NotFound)
        {
            SetStatus(project, Readiness.IsStalled(
                "DeletedOutOfBand",
                $"cloud project {projectId} no longer exists; it is not recreated silently: delete this Project, or set spec.projectId to adopt another"));
            return null;
        }

        var name = DisplayName(project);
        var description = project.Spec.Description;
        var drift = new List<string>();
        if (current.Name != name)
        {
            drift.Add($"name: desired '{name}', observed '{current.Name}'");
        }

        if (description is not null && (current.Description ?? "") != description)
        {
            drift.Add($"description: desired '{description}', observed '{current.Description}'");
        }

        if (drift.Count == 0)
        {
            return current;
        }

        var corrected = await cloud.UpdateProjectAsync(
            org, projectId, new UpdateProjectRequest(current.Name != name ? name : null, description), cancellationToken);
        await events.RecordAsync(project, "Normal", "DriftCorrected", "Update", $"cloud project {projectId} corrected: {string.Join("; ", drift)}", cancellationToken);
        return corrected;
    }

    /// <summary>A project our own lost create may have made: only while the intent is recorded.</summary>
    private async Task<string?> FindCreatedByUsAsync(Project project, string org, CancellationToken cancellationToken) =>
        project.Status?.CreateRequestedAt is null || project.Spec.ProjectId is not null
            ? null
            : (await FindByNameAsync(org, DisplayName(project), cancellationToken))?.Id;

    private async Task<CloudProject?> FindByNameAsync(string org, string name, CancellationToken cancellationToken)
    {
        await foreach (var candidate in cloud.ListAllProjectsAsync(org, name, cancellationToken))
        {
            if (candidate.Name == name)
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>
    /// Cloud errors the user must fix become conditions instead of retries: a 400 waits for a
    /// spec change, and 401/403 are parked and retried slowly rather than hammered.
    /// </summary>
    private async Task<ReconcileResult> CloudCallAsync(Project project, Func<Task<ReconcileResult>> action)
    {
        try
        {
            return await action();
        }
        catch (NeevCloudApiException ex) when (ex.Kind == CloudErrorKind.Validation)
        {
            SetStatus(project, Readiness.IsStalled("InvalidSpec", $"NeevCloud rejected the project: {ex.ServerMessage}"));
            return ReconcileResult.Done;
        }
        catch (NeevCloudApiException ex) when (CloudFailures.IsCredentialProblem(ex))
        {
            SetStatus(project, CloudFailures.Unauthorized(ex));
            return ReconcileResult.After(StableRefresh);
        }
        catch (NeevCloudApiException ex) when (ex.Kind == CloudErrorKind.NotFound && project.Spec.ProjectId is not null && project.Status?.ProjectId is null)
        {
            SetStatus(project, Readiness.IsStalled("ProjectNotFound", $"spec.projectId {project.Spec.ProjectId} does not exist in organization {OrganizationOf(project)}"));
            return ReconcileResult.After(StableRefresh);
        }
    }

    private void SetStatus(Project project, Readiness readiness) =>
        Conditions.Apply(project.Status!, readiness, project.Metadata.Generation, time.GetUtcNow());

    private string OrganizationOf(Project project) =>
        project.Spec.OrganizationId ?? project.Status?.OrganizationId ?? cloud.DefaultOrganizationId;

    private static string DisplayName(Project project) => project.Spec.DisplayName ?? project.Metadata.Name;
}

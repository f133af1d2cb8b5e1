using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using NeevCloud.Crds.Projects;
using NeevCloud.Operator.Cloud;
using NeevCloud.Operator.Runtime;
using NeevCloud.Operator.Runtime.Managed;

namespace NeevCloud.Operator.Controllers.Projects;

/// <summary>
/// A Project's cloud project: created with the spec's name (crash-safe through the lifecycle), or adopted by
/// spec.projectId; its name and description kept as the spec says; its deletion refused while resources in
/// the cluster still use it, and while NeevCloud still holds resources in it.
/// </summary>
public sealed class ProjectExternalClient(
    INeevCloudClient cloud,
    ProjectDependents dependents,
    EntityCache<Project> projects,
    IEventRecorder events,
    IOptions<RefreshOptions> refresh,
    TimeProvider time) : IExternalClient<Project>
{
    public const string Name = "project";

    // The last look at each cloud project. A VM or disk that appears or goes re-examines its Project (status.dependents,
    // a blocked deletion): that needs the cluster's view, not a fresh GET, so a settled Project answers such a pass from
    // a look younger than half the stable refresh. Its own scheduled refresh, a spec change or a deletion still GETs.
    private readonly ConcurrentDictionary<string, (CloudProject Project, DateTimeOffset At)> _looked = new(StringComparer.Ordinal);

    public Readiness? WaitingFor(Project project) => null;

    public Readiness? DeletionBlockedBy(Project project)
    {
        var blockers = dependents.Of(project);
        project.Status.Dependents = [.. blockers];
        if (blockers.Count == 0)
        {
            return null;
        }

        var ns = project.Metadata.NamespaceProperty;
        var orphaning = project.Spec.DeletionPolicy == Crds.DeletionPolicy.Orphan;
        var waits = $"deletion waits for {string.Join(", ", blockers)} in namespace {ns}, which use this project";
        if (!blockers.Any(b => b.StartsWith("VirtualMachine/", StringComparison.Ordinal))
            && dependents.KeptRootDisksOf(project).FirstOrDefault() is { } kept)
        {
            // A disk kept on purpose is never deleted as a side effect of the Project going: the user decides.
            var disk = kept.Metadata.Name;
            return Readiness.InProgress(
                "DependentsExist",
                $"{waits}. RootDisk {ns}/{disk} holds the root disk {kept.Spec.DiskId} kept from VirtualMachine "
                + $"{kept.Metadata.Labels![VirtualMachines.KeptRootDisks.KeptFromLabel]} (deleteRootDisk: false). Either delete RootDisk {ns}/{disk} "
                + "to delete the disk, and the project deletion goes on; or keep both: set deletionPolicy: Orphan on RootDisk "
                + $"{ns}/{disk}{(orphaning ? "" : " and on this Project")}, delete the RootDisk, and both stay in NeevCloud");
        }

        var first = blockers.FirstOrDefault(b => b.StartsWith("VirtualMachine/", StringComparison.Ordinal)) ?? blockers[0];
        var (kind, name) = (first.Split('/')[0], first.Split('/')[1]);
        return Readiness.InProgress(
            "DependentsExist",
            $"{waits}: delete {kind} {ns}/{name} first"
            + (orphaning ? " (also with deletionPolicy Orphan: they would be left without their Project)" : ""));
    }

    public async Task<ExternalObservation> ObserveAsync(Project project, ExternalLookup lookup, CancellationToken cancellationToken)
    {
        var status = project.Status;
        var org = AllowedOrganizationOf(project);
        status.OrganizationId = org;
        status.Dependents = [.. dependents.Of(project)];
        if (lookup.ExternalId is { } id)
        {
            CloudProject current;
            try
            {
                current = RecentLook(project, id) ?? await cloud.GetProjectAsync(org, id, cancellationToken);
                _looked[id] = (current, time.GetUtcNow());
            }
            catch (NeevCloudApiException ex) when (ex.Kind == CloudErrorKind.NotFound)
            {
                _looked.TryRemove(id, out _);
                await ThrowIfOrganizationMissingAsync(org, cancellationToken);
                return ExternalObservation.Missing(Readiness.IsStalled(
                    project.Spec.ProjectId is null ? "DeletedOutOfBand" : "ProjectNotFound",
                    project.Spec.ProjectId is null
                        ? $"cloud project {id} no longer exists; it is not recreated silently: delete this Project, or set spec.projectId to adopt another"
                        : $"spec.projectId {id} does not exist in organization {org}; fix spec.projectId"));
            }

            return Observed(project, current);
        }

        // A create of ours whose answer was lost: project names are unique, so the candidate is the project of
        // that name — ours only if it also carries the spec's description and no other Project manages it.
        var candidate = await FindByNameAsync(org, DisplayName(project), cancellationToken);
        if (candidate is null)
        {
            return ExternalObservation.Missing();
        }

        if (!IsOurs(project, candidate))
        {
            throw NameConflict(project, org);
        }

        return Observed(project, candidate);
    }

    public async Task<ExternalObservation> CreateAsync(Project project, CancellationToken cancellationToken)
    {
        var org = AllowedOrganizationOf(project);
        project.Status.OrganizationId = org;
        var name = DisplayName(project);
        if (await FindByNameAsync(org, name, cancellationToken) is not null)
        {
            // Before any POST of ours, a project with this name is someone else's.
            throw NameConflict(project, org);
        }

        CloudProject created;
        try
        {
            created = await cloud.CreateProjectAsync(org, new CreateProjectRequest(name, project.Spec.Description), cancellationToken);
        }
        catch (NeevCloudApiException ex) when (ex.Kind == CloudErrorKind.Conflict)
        {
            throw NameConflict(project, org);
        }
        catch (NeevCloudApiException ex) when (ex.Kind == CloudErrorKind.NotFound)
        {
            throw OrganizationNotFound(org);
        }

        await events.RecordAsync(project, "Normal", "Created", "Create", $"created cloud project {created.Id} '{name}' in organization {org}", cancellationToken);
        return Observed(project, created);
    }

    public async Task<ExternalObservation> UpdateAsync(Project project, ExternalObservation observed, CancellationToken cancellationToken)
    {
        var status = project.Status;
        var (org, id) = (AllowedOrganizationOf(project), status.ProjectId!);
        var name = DesiredName(project, status.DisplayName);
        var rename = status.DisplayName != name;
        _looked.TryRemove(id, out _);
        var corrected = await cloud.UpdateProjectAsync(
            org, id, new UpdateProjectRequest(rename ? name : null, project.Spec.Description), cancellationToken);
        await events.RecordAsync(project, "Normal", "DriftCorrected", "Update", $"cloud project {id} corrected: {status.Drift}", cancellationToken);
        return Observed(project, corrected);
    }

    public async Task<ExternalDeletion> DeleteAsync(Project project, ExternalObservation observed, CancellationToken cancellationToken)
    {
        var status = project.Status;
        var (org, id) = (OrganizationOf(project), status.ProjectId!);
        _looked.TryRemove(id, out _);
        try
        {
            await cloud.DeleteProjectAsync(org, id, cancellationToken);
        }
        catch (NeevCloudApiException ex) when (ex.Kind == CloudErrorKind.NotFound)
        {
            // Gone already; the next look confirms it.
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
            throw new FailureException(Failure.Retry(
                "CloudResourcesExist",
                $"NeevCloud still holds {counts.ApiKeys} api keys, {counts.AiRuntimes} AI runtimes and {counts.StorageVolumes} storage volumes in "
                + $"project {id}; remove them in NeevCloud and the deletion goes on (asked again with back-off), or set deletionPolicy: Orphan to leave the project in NeevCloud",
                refresh.Value.Blocked), ex);
        }

        status.BlockingCounts = null;
        return new ExternalDeletion(Readiness.InProgress("Deleting", $"NeevCloud deleted project {id}; confirming"), TimeSpan.Zero);
    }

    public Task<Readiness?> AfterDeletedAsync(Project project, CancellationToken cancellationToken)
    {
        if (project.Status?.ProjectId is { } id)
        {
            _looked.TryRemove(id, out _);
        }

        return Task.FromResult<Readiness?>(null);
    }

    /// <summary>The last look at the cloud project, when it is recent and the Project settled on its current spec; else null (GET it).</summary>
    private CloudProject? RecentLook(Project project, string id) =>
        project.Metadata.DeletionTimestamp is null
        && project.Status.ObservedGeneration == project.Metadata.Generation
        && Conditions.Find(project.Status.Conditions, ConditionTypes.Ready) is { Status: "True" }
        && !Conditions.IsTrue(project.Status.Conditions, ConditionTypes.Reconciling)
        && _looked.TryGetValue(id, out var look)
        && time.GetUtcNow() - look.At < refresh.Value.Stable / 2
            ? look.Project
            : null;

    private ExternalObservation Observed(Project project, CloudProject current)
    {
        var status = project.Status;
        status.ProjectId = current.Id;
        status.State = current.Status.Raw;
        status.DisplayName = current.Name;
        status.Description = current.Description;
        var drift = new List<string>();
        if (current.Name != DesiredName(project, current.Name))
        {
            drift.Add($"name: desired '{DesiredName(project, current.Name)}', observed '{current.Name}'");
        }

        if (project.Spec.Description is { } description && (current.Description ?? "") != description)
        {
            drift.Add($"description: desired '{description}', observed '{current.Description}'");
        }

        status.Drift = drift.Count == 0 ? null : string.Join("; ", drift);
        return ExternalObservation.Found(
            current.Id, ProjectReadiness.ForCloudState(current.Status.Raw, current.Id), upToDate: drift.Count == 0);
    }

    /// <summary>Not ours: another description than the spec asks for, or another Project of the cluster manages it.</summary>
    private bool IsOurs(Project project, CloudProject candidate) =>
        (project.Spec.Description is null || (candidate.Description ?? "") == project.Spec.Description)
        && !projects.List().Any(other => other.Metadata.Uid != project.Metadata.Uid
            && (ManagedAnnotations.ExternalIdOf(other.Metadata) ?? other.Status?.ProjectId) == candidate.Id);

    private async Task ThrowIfOrganizationMissingAsync(string org, CancellationToken cancellationToken)
    {
        try
        {
            await cloud.ListProjectsAsync(org, limit: 1, cancellationToken: cancellationToken);
        }
        catch (NeevCloudApiException ex) when (ex.Kind == CloudErrorKind.NotFound)
        {
            throw OrganizationNotFound(org);
        }
    }

    private async Task<CloudProject?> FindByNameAsync(string org, string name, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var candidate in cloud.ListAllProjectsAsync(org, name, cancellationToken))
            {
                // NeevCloud compares project names without regard to case.
                if (string.Equals(candidate.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    return candidate;
                }
            }
        }
        catch (NeevCloudApiException ex) when (ex.Kind == CloudErrorKind.NotFound)
        {
            throw OrganizationNotFound(org);
        }

        return null;
    }

    private FailureException NameConflict(Project project, string org) => new(Failure.Stall(
        "NameConflict",
        $"a cloud project named '{DisplayName(project)}' already exists in organization {org} and is not this resource's; "
        + "choose another spec.displayName, or set spec.projectId to adopt it",
        refresh.Value.Stable));

    private static FailureException OrganizationNotFound(string org) => new(Failure.Stall(
        "OrganizationNotFound",
        $"NeevCloud has no organization {org}; fix spec.organizationId (or the operator's NeevCloud:OrganizationId)"));

    /// <summary>
    /// The name the cloud project should have: spec.displayName, else — for a project the operator created —
    /// metadata.name. An adopted project without displayName keeps the name it has: adoption changes nothing the
    /// spec does not name.
    /// </summary>
    private static string DesiredName(Project project, string? cloudName) =>
        project.Spec.DisplayName ?? (project.Spec.ProjectId is not null && cloudName is not null ? cloudName : project.Metadata.Name);

    /// <summary>The project's organization, if the operator may act in it (NeevCloud:AllowedOrganizations).</summary>
    private string AllowedOrganizationOf(Project project)
    {
        var org = OrganizationOf(project);
        return cloud.MayUseOrganization(org) ? org : throw new FailureException(Failure.Stall(
            "OrganizationNotAllowed",
            $"organization {org} is not one this operator may use (NeevCloud:AllowedOrganizations; by default only {cloud.DefaultOrganizationId}): "
            + "no call is made for this Project; ask the operator's administrators to allow it, or fix spec.organizationId"
            + (project.Metadata.DeletionTimestamp is null ? "" : " (to let this Project go without a cloud call, set deletionPolicy Orphan)")));
    }

    private string OrganizationOf(Project project) =>
        project.Spec.OrganizationId ?? project.Status?.OrganizationId ?? cloud.DefaultOrganizationId;

    private static string DisplayName(Project project) => project.Spec.DisplayName ?? project.Metadata.Name;
}

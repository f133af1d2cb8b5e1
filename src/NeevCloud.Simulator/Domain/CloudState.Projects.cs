using NeevCloud.Simulator.Contracts;
using NeevCloud.Simulator.Validation;

namespace NeevCloud.Simulator.Domain;

/// <summary>The Tenant API's projects.</summary>
internal sealed partial class CloudState
{
    public Outcome<ListResponse<ProjectResponse>> ListProjects(string organizationId, PageRequest page, string? search)
    {
        lock (_gate)
        {
            Advance();
            if (!Catalog.HasOrganization(organizationId))
            {
                return OrganizationNotFound(organizationId);
            }

            var matches = ProjectsOf(organizationId)
                .Where(p => string.IsNullOrEmpty(search) || p.Name.Contains(search, StringComparison.OrdinalIgnoreCase))
                .ToList();
            return Paginator.Page(matches, page, ContractMapper.ToResponse);
        }
    }

    public Outcome<ProjectResponse> CreateProject(string organizationId, string name, string? description)
    {
        lock (_gate)
        {
            var now = Advance();
            if (!Catalog.HasOrganization(organizationId))
            {
                return OrganizationNotFound(organizationId);
            }

            if (NameTaken(organizationId, name, exceptId: null))
            {
                return Failure.Conflict(ErrorCodes.ProjectNameTaken, $"A project named '{name}' already exists in organization {organizationId}.");
            }

            if (ProjectsOf(organizationId).Count() >= options.MaxProjectsPerOrganization)
            {
                return new Failure(400, ErrorCodes.ResourceLimitExceeded,
                    $"Organization {organizationId} already has {options.MaxProjectsPerOrganization} projects, the most it may have.");
            }

            var project = new Project(_ids.Next().ToString(), organizationId, name, EmptyAsNull(description), now, NextSequence());
            _projects.Add(project.Id, project);
            return ContractMapper.ToResponse(project);
        }
    }

    public Outcome<ProjectResponse> GetProject(string organizationId, string projectId)
    {
        lock (_gate)
        {
            Advance();
            var (project, failure) = FindProject(organizationId, projectId);
            return project is null ? failure! : ContractMapper.ToResponse(project);
        }
    }

    public Outcome<ProjectResponse> UpdateProject(string organizationId, string projectId, string? name, string? description)
    {
        lock (_gate)
        {
            Advance();
            var (project, failure) = FindProject(organizationId, projectId);
            if (project is null)
            {
                return failure!;
            }

            if (name is not null && NameTaken(organizationId, name, exceptId: project.Id))
            {
                // updateProject documents no 409: a taken name is an invalid body.
                return new Failure(400, ErrorCodes.ProjectNameTaken, $"name: a project named '{name}' already exists in organization {organizationId}.");
            }

            project.Name = name ?? project.Name;
            project.Description = description is null ? project.Description : EmptyAsNull(description);
            return ContractMapper.ToResponse(project);
        }
    }

    public Outcome<SuccessResponse> DeleteProject(string organizationId, string projectId)
    {
        lock (_gate)
        {
            Advance();
            var (project, failure) = FindProject(organizationId, projectId);
            if (project is null)
            {
                return failure!;
            }

            var counts = CountsOf(project);
            if (counts.Total > 0)
            {
                return new Failure(409, ErrorCodes.ProjectNotEmpty,
                    $"Project {projectId} still has {counts.ApiKeys} API key(s), {counts.Airuntimes} AI runtime(s) and {counts.StorageVolumes} storage volume(s).",
                    counts);
            }

            _projects.Remove(project.Id);
            foreach (var vm in _vms.Values.Where(vm => vm.ProjectId == project.Id).ToList())
            {
                Enter(vm, Lifecycle.Removed, vm.UpdatedAt);
            }

            return new SuccessResponse("Project deleted successfully.");
        }
    }

    /// <summary>The 404 a request about this project gets, or null when the project exists.</summary>
    public Failure? FindProjectFailure(string organizationId, string projectId)
    {
        lock (_gate)
        {
            Advance();
            return FindProject(organizationId, projectId).Failure;
        }
    }

    private ProjectResourceCounts CountsOf(Project project) => new(
        project.ApiKeys,
        project.Airuntimes,
        project.ExtraStorageVolumes + _volumes.Values.Count(v => v.ProjectId == project.Id));

    private IEnumerable<Project> ProjectsOf(string organizationId) =>
        _projects.Values.Where(p => p.OrganizationId == organizationId).OrderBy(p => p.Sequence);

    private bool NameTaken(string organizationId, string name, string? exceptId) =>
        ProjectsOf(organizationId).Any(p => p.Id != exceptId && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    private (Project? Project, Failure? Failure) FindProject(string organizationId, string projectId)
    {
        if (!Catalog.HasOrganization(organizationId))
        {
            return (null, OrganizationNotFound(organizationId));
        }

        return _projects.TryGetValue(projectId, out var project) && project.OrganizationId == organizationId
            ? (project, null)
            : (null, Failure.NotFound($"Project {projectId} was not found in organization {organizationId}."));
    }

    public static Failure OrganizationNotFound(string organizationId) =>
        Failure.NotFound($"Organization {organizationId} was not found.");

    private static string? EmptyAsNull(string? text) => string.IsNullOrEmpty(text) ? null : text;
}

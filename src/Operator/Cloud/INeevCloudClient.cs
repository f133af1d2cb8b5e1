namespace NeevCloud.Operator.Cloud;

/// <summary>
/// Every NeevCloud call the operator makes (15 operations of the Tenant and VM Service APIs). Failures throw
/// <see cref="NeevCloudApiException"/>; match on its <see cref="NeevCloudApiException.Kind"/>.
/// GETs, DELETEs and start/stop/restart are retried on 5xx/429/timeouts; creates and updates never are.
/// </summary>
public interface INeevCloudClient
{
    /// <summary>The largest page the API serves; the ListAll helpers use it.</summary>
    const int MaxPageSize = 100;

    /// <summary>The organization from configuration, for resources that do not name one.</summary>
    string DefaultOrganizationId { get; }

    /// <summary>Whether a Project may name this organization (NeevCloud:AllowedOrganizations, else only the default one).</summary>
    bool MayUseOrganization(string organizationId);

    Task<Page<CloudProject>> ListProjectsAsync(
        string organizationId, int page = 1, int limit = MaxPageSize, string? search = null, CancellationToken cancellationToken = default);

    /// <summary>Every project of the organization (optionally filtered by name), page by page.</summary>
    IAsyncEnumerable<CloudProject> ListAllProjectsAsync(
        string organizationId, string? search = null, CancellationToken cancellationToken = default);

    /// <summary>201; a 409 (Conflict) means the name is taken in the organization.</summary>
    Task<CloudProject> CreateProjectAsync(string organizationId, CreateProjectRequest request, CancellationToken cancellationToken = default);

    Task<CloudProject> GetProjectAsync(string organizationId, string projectId, CancellationToken cancellationToken = default);

    Task<CloudProject> UpdateProjectAsync(
        string organizationId, string projectId, UpdateProjectRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// 200. A 409 (Conflict) carries <see cref="NeevCloudApiException.ProjectDeletionConflict"/>: the api keys,
    /// AI runtimes and storage volumes still in the project.
    /// </summary>
    Task DeleteProjectAsync(string organizationId, string projectId, CancellationToken cancellationToken = default);

    Task<Page<CloudVm>> ListVmsAsync(
        string organizationId, string projectId, int page = 1, int limit = MaxPageSize, CancellationToken cancellationToken = default);

    IAsyncEnumerable<CloudVm> ListAllVmsAsync(string organizationId, string projectId, CancellationToken cancellationToken = default);

    /// <summary>201. Never retried automatically: after a timeout, look the VM up by name before creating again.</summary>
    Task<CloudVm> CreateVmAsync(
        string organizationId, string projectId, CreateVmRequest request, CancellationToken cancellationToken = default);

    Task<CloudVm> GetVmAsync(string organizationId, string projectId, string vmId, CancellationToken cancellationToken = default);

    /// <summary>202: deletion goes on asynchronously; poll <see cref="GetVmAsync"/> until NotFound.</summary>
    Task DeleteVmAsync(string organizationId, string projectId, string vmId, CancellationToken cancellationToken = default);

    /// <summary>202 with the VM as it is now (it may still be transitioning).</summary>
    Task<CloudVm> StartVmAsync(string organizationId, string projectId, string vmId, CancellationToken cancellationToken = default);

    /// <summary>202 with the VM as it is now (it may still be transitioning).</summary>
    Task<CloudVm> StopVmAsync(string organizationId, string projectId, string vmId, CancellationToken cancellationToken = default);

    /// <summary>202 with the VM as it is now (it may still be transitioning).</summary>
    Task<CloudVm> RestartVmAsync(string organizationId, string projectId, string vmId, CancellationToken cancellationToken = default);

    Task<Page<CloudRootDisk>> ListRootDisksAsync(
        string organizationId, string projectId, int page = 1, int limit = MaxPageSize, CancellationToken cancellationToken = default);

    IAsyncEnumerable<CloudRootDisk> ListAllRootDisksAsync(
        string organizationId, string projectId, CancellationToken cancellationToken = default);

    Task<CloudRootDisk> GetRootDiskAsync(
        string organizationId, string projectId, string rootDiskId, CancellationToken cancellationToken = default);

    /// <summary>202: deletion goes on asynchronously. A 409 (Conflict) means the disk is still attached to a VM.</summary>
    Task DeleteRootDiskAsync(
        string organizationId, string projectId, string rootDiskId, CancellationToken cancellationToken = default);
}

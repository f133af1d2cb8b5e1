using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using static NeevCloud.Operator.Cloud.NeevCloudHttpClientNames;

namespace NeevCloud.Operator.Cloud;

/// <summary>
/// <see cref="INeevCloudClient"/> over the named Tenant and VM clients of IHttpClientFactory. A singleton:
/// it asks the factory for a client per call, so handler rotation (DNS changes) keeps working.
/// </summary>
internal sealed class NeevCloudClient(CloudHttp http, ITokenProvider tokens, IOptions<NeevCloudOptions> options) : INeevCloudClient
{
    private const int MaxPageSize = INeevCloudClient.MaxPageSize;

    /// <summary>100,000 items: ten times the most any account this operator is built for holds in one list.</summary>
    private const int MaxPages = 1000;

    public string DefaultOrganizationId => options.Value.OrganizationId!;

    public bool MayUseOrganization(string organizationId) =>
        organizationId == DefaultOrganizationId || options.Value.AllowedOrganizations.Contains(organizationId, StringComparer.Ordinal);

    public Task<Page<CloudProject>> ListProjectsAsync(
        string organizationId, int page = 1, int limit = MaxPageSize, string? search = null, CancellationToken cancellationToken = default) =>
        ListPageAsync(
            Tenant, CloudOperations.ListProjects, ProjectsPath(organizationId), page, limit, search,
            NeevCloudJsonContext.Default.PageCloudProject, cancellationToken);

    public IAsyncEnumerable<CloudProject> ListAllProjectsAsync(
        string organizationId, string? search = null, CancellationToken cancellationToken = default) =>
        ListAllAsync(
            Tenant, CloudOperations.ListProjects, ProjectsPath(organizationId), search,
            NeevCloudJsonContext.Default.PageCloudProject, cancellationToken);

    public Task<CloudProject> CreateProjectAsync(
        string organizationId, CreateProjectRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(
            Tenant, CloudOperations.CreateProject, ProjectsPath(organizationId),
            Serialize(request, NeevCloudJsonContext.Default.CreateProjectRequest),
            NeevCloudJsonContext.Default.CloudProject, cancellationToken);

    public Task<CloudProject> GetProjectAsync(string organizationId, string projectId, CancellationToken cancellationToken = default) =>
        SendAsync(
            Tenant, CloudOperations.GetProject, ProjectPath(organizationId, projectId), null,
            NeevCloudJsonContext.Default.CloudProject, cancellationToken);

    public Task<CloudProject> UpdateProjectAsync(
        string organizationId, string projectId, UpdateProjectRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(
            Tenant, CloudOperations.UpdateProject, ProjectPath(organizationId, projectId),
            Serialize(request, NeevCloudJsonContext.Default.UpdateProjectRequest),
            NeevCloudJsonContext.Default.CloudProject, cancellationToken);

    public Task DeleteProjectAsync(string organizationId, string projectId, CancellationToken cancellationToken = default) =>
        SendWithoutAnswerAsync(Tenant, CloudOperations.DeleteProject, ProjectPath(organizationId, projectId), cancellationToken);

    public Task<Page<CloudVm>> ListVmsAsync(
        string organizationId, string projectId, int page = 1, int limit = MaxPageSize, CancellationToken cancellationToken = default) =>
        ListPageAsync(
            Vm, CloudOperations.ListVms, VmsPath(organizationId, projectId), page, limit, null,
            NeevCloudJsonContext.Default.PageCloudVm, cancellationToken);

    public IAsyncEnumerable<CloudVm> ListAllVmsAsync(string organizationId, string projectId, CancellationToken cancellationToken = default) =>
        ListAllAsync(Vm, CloudOperations.ListVms, VmsPath(organizationId, projectId), null, NeevCloudJsonContext.Default.PageCloudVm, cancellationToken);

    public Task<CloudVm> CreateVmAsync(
        string organizationId, string projectId, CreateVmRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(
            Vm, CloudOperations.CreateVm, VmsPath(organizationId, projectId),
            Serialize(request, NeevCloudJsonContext.Default.CreateVmRequest),
            NeevCloudJsonContext.Default.CloudVm, cancellationToken);

    public Task<CloudVm> GetVmAsync(string organizationId, string projectId, string vmId, CancellationToken cancellationToken = default) =>
        SendAsync(Vm, CloudOperations.GetVm, VmPath(organizationId, projectId, vmId), null, NeevCloudJsonContext.Default.CloudVm, cancellationToken);

    public Task DeleteVmAsync(string organizationId, string projectId, string vmId, CancellationToken cancellationToken = default) =>
        SendWithoutAnswerAsync(Vm, CloudOperations.DeleteVm, VmPath(organizationId, projectId, vmId), cancellationToken);

    public Task<CloudVm> StartVmAsync(string organizationId, string projectId, string vmId, CancellationToken cancellationToken = default) =>
        VmActionAsync(CloudOperations.StartVm, "start", organizationId, projectId, vmId, cancellationToken);

    public Task<CloudVm> StopVmAsync(string organizationId, string projectId, string vmId, CancellationToken cancellationToken = default) =>
        VmActionAsync(CloudOperations.StopVm, "stop", organizationId, projectId, vmId, cancellationToken);

    public Task<CloudVm> RestartVmAsync(string organizationId, string projectId, string vmId, CancellationToken cancellationToken = default) =>
        VmActionAsync(CloudOperations.RestartVm, "restart", organizationId, projectId, vmId, cancellationToken);

    public Task<Page<CloudRootDisk>> ListRootDisksAsync(
        string organizationId, string projectId, int page = 1, int limit = MaxPageSize, CancellationToken cancellationToken = default) =>
        ListPageAsync(
            Vm, CloudOperations.ListRootDisks, RootDisksPath(organizationId, projectId), page, limit, null,
            NeevCloudJsonContext.Default.PageCloudRootDisk, cancellationToken);

    public IAsyncEnumerable<CloudRootDisk> ListAllRootDisksAsync(
        string organizationId, string projectId, CancellationToken cancellationToken = default) =>
        ListAllAsync(
            Vm, CloudOperations.ListRootDisks, RootDisksPath(organizationId, projectId), null,
            NeevCloudJsonContext.Default.PageCloudRootDisk, cancellationToken);

    public Task<CloudRootDisk> GetRootDiskAsync(
        string organizationId, string projectId, string rootDiskId, CancellationToken cancellationToken = default) =>
        SendAsync(
            Vm, CloudOperations.GetRootDisk, RootDiskPath(organizationId, projectId, rootDiskId), null,
            NeevCloudJsonContext.Default.CloudRootDisk, cancellationToken);

    public Task DeleteRootDiskAsync(
        string organizationId, string projectId, string rootDiskId, CancellationToken cancellationToken = default) =>
        SendWithoutAnswerAsync(Vm, CloudOperations.DeleteRootDisk, RootDiskPath(organizationId, projectId, rootDiskId), cancellationToken);

    private Task<CloudVm> VmActionAsync(
        CloudOperation operation, string action, string organizationId, string projectId, string vmId, CancellationToken cancellationToken) =>
        SendAsync(
            Vm, operation, $"{VmPath(organizationId, projectId, vmId)}/{action}", null,
            NeevCloudJsonContext.Default.CloudVm, cancellationToken);

    private Task<T> SendAsync<T>(
        string client, CloudOperation operation, string path, byte[]? body, JsonTypeInfo<T> answer, CancellationToken cancellationToken) =>
        http.SendAsync(client, operation, path, body, tokens, answer, cancellationToken);

    private async Task SendWithoutAnswerAsync(string client, CloudOperation operation, string path, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(client, operation, path, null, tokens, cancellationToken);
    }

    private async Task<Page<T>> ListPageAsync<T>(
        string client,
        CloudOperation operation,
        string path,
        int page,
        int limit,
        string? search,
        JsonTypeInfo<Page<T>> answer,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxPageSize);
        var query = string.Create(CultureInfo.InvariantCulture, $"?page={page}&limit={limit}");
        if (!string.IsNullOrEmpty(search))
        {
            query += "&search=" + Uri.EscapeDataString(search);
        }

        var result = await SendAsync(client, operation, path + query, null, answer, cancellationToken);
        return result.Data is null ? result with { Data = [] } : result;
    }

    /// <summary>
    /// Walks pages of <see cref="MaxPageSize"/> until the last one: the page the server's <c>total_pages</c>
    /// names, or — when it does not say (the field is optional) — the first page that is not full. An empty page
    /// ends the walk too, and so does <see cref="MaxPages"/>, so a misbehaving server cannot make it loop forever.
    /// The path is built (and its ids checked) before the first item is asked for.
    /// </summary>
    private async IAsyncEnumerable<T> ListAllAsync<T>(
        string client,
        CloudOperation operation,
        string path,
        string? search,
        JsonTypeInfo<Page<T>> answer,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var page = 1; ; page++)
        {
            var result = await ListPageAsync(client, operation, path, page, MaxPageSize, search, answer, cancellationToken);
            foreach (var item in result.Data)
            {
                yield return item;
            }

            if (IsLastPage(page, result.Data.Count, result.Pagination?.TotalPages))
            {
                yield break;
            }

            if (page >= MaxPages)
            {
                throw new NeevCloudApiException(
                    operation.Name, CloudErrorKind.Unexpected, null, null,
                    $"The list did not end after {MaxPages} full pages of {MaxPageSize}; the answer's pagination looks broken.");
            }
        }
    }

    /// <summary>Whether a walk ends after <paramref name="page"/>, which held <paramref name="count"/> items.</summary>
    internal static bool IsLastPage(int page, int count, int? totalPages) =>
        count == 0 || (totalPages is > 0 and var total ? page >= total : count < MaxPageSize);

    private static byte[] Serialize<T>(T body, JsonTypeInfo<T> type, [CallerArgumentExpression(nameof(body))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(body, name);
        return JsonSerializer.SerializeToUtf8Bytes(body, type);
    }

    private static string ProjectsPath(string organizationId) => $"api/v1/orgs/{Segment(organizationId)}/projects";

    private static string ProjectPath(string organizationId, string projectId) =>
        $"{ProjectsPath(organizationId)}/{Segment(projectId)}";

    private static string VmsPath(string organizationId, string projectId) => $"{ProjectPath(organizationId, projectId)}/vms";

    private static string VmPath(string organizationId, string projectId, string vmId) =>
        $"{VmsPath(organizationId, projectId)}/{Segment(vmId)}";

    private static string RootDisksPath(string organizationId, string projectId) =>
        $"{ProjectPath(organizationId, projectId)}/root_disks";

    private static string RootDiskPath(string organizationId, string projectId, string rootDiskId) =>
        $"{RootDisksPath(organizationId, projectId)}/{Segment(rootDiskId)}";

    // An empty id would silently turn "get one VM" into "list VMs"; refuse it instead.
    private static string Segment(string id, [CallerArgumentExpression(nameof(id))] string? name = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id, name);
        return Uri.EscapeDataString(id);
    }
}

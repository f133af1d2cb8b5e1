using System.Net;
using NeevCloud.Operator.Cloud;

namespace NeevCloud.Operator.Tests.Cloud;

/// <summary>Each failure the API documents reaches the caller as the matching <see cref="CloudErrorKind"/>.</summary>
public sealed class ErrorMappingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Unknown_project_is_NotFound()
    {
        await using var cloud = await SimulatedCloud.StartAsync();

        var error = await Assert.ThrowsAsync<NeevCloudApiException>(() => cloud.Client.GetProjectAsync(cloud.Org, "no-such-project", Ct));

        AssertError(error, CloudErrorKind.NotFound, HttpStatusCode.NotFound, "getProject");
    }

    [Fact]
    public async Task Unknown_vm_is_NotFound()
    {
        await using var cloud = await SimulatedCloud.StartAsync();
        var project = await cloud.CreateProjectAsync("p");

        var error = await Assert.ThrowsAsync<NeevCloudApiException>(
            () => cloud.Client.GetVmAsync(cloud.Org, project.Id, Guid.NewGuid().ToString(), Ct));

        AssertError(error, CloudErrorKind.NotFound, HttpStatusCode.NotFound, "getVM");
    }

    [Fact]
    public async Task Duplicate_project_name_is_a_Conflict()
    {
        await using var cloud = await SimulatedCloud.StartAsync();
        await cloud.CreateProjectAsync("taken");

        var error = await Assert.ThrowsAsync<NeevCloudApiException>(() => cloud.CreateProjectAsync("taken"));

        AssertError(error, CloudErrorKind.Conflict, HttpStatusCode.Conflict, "createProject");
        Assert.Null(error.ProjectDeletionConflict);
    }

    [Fact]
    public async Task Invalid_vm_name_is_a_Validation_error_with_the_cloud_code_and_message()
    {
        await using var cloud = await SimulatedCloud.StartAsync();
        var project = await cloud.CreateProjectAsync("p");

        var error = await Assert.ThrowsAsync<NeevCloudApiException>(
            () => cloud.Client.CreateVmAsync(cloud.Org, project.Id, cloud.NewVmRequest("Not_A_DNS_Label"), Ct));

        AssertError(error, CloudErrorKind.Validation, HttpStatusCode.BadRequest, "createVM");
        Assert.False(string.IsNullOrEmpty(error.ServerMessage));
    }

    [Fact]
    public async Task Wrong_token_is_Unauthorized_and_the_token_is_not_in_the_error()
    {
        const string WrongToken = "tok-wrong-0123456789";
        await using var cloud = await SimulatedCloud.StartAsync(new Dictionary<string, string?> { ["NeevCloud:Token"] = WrongToken });

        var error = await Assert.ThrowsAsync<NeevCloudApiException>(() => cloud.CreateProjectAsync("p"));

        AssertError(error, CloudErrorKind.Unauthorized, HttpStatusCode.Unauthorized, "createProject");
        Assert.DoesNotContain(WrongToken, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Project_with_resources_cannot_be_deleted_and_the_conflict_carries_the_counts()
    {
        await using var cloud = await SimulatedCloud.StartAsync();
        var project = await cloud.CreateProjectAsync("busy");
        await cloud.SetProjectCountsAsync(project.Id, apiKeys: 1, aiRuntimes: 2);

        var error = await Assert.ThrowsAsync<NeevCloudApiException>(() => cloud.Client.DeleteProjectAsync(cloud.Org, project.Id, Ct));

        AssertError(error, CloudErrorKind.Conflict, HttpStatusCode.Conflict, "deleteProject");
        Assert.Equal(new ProjectResourceCounts(ApiKeys: 1, AiRuntimes: 2, StorageVolumes: 0), error.ProjectDeletionConflict);
    }

    [Fact]
    public async Task Attached_root_disk_cannot_be_deleted_or_attached_again()
    {
        await using var cloud = await SimulatedCloud.StartAsync();
        var project = await cloud.CreateProjectAsync("p");
        var vm = await cloud.Client.CreateVmAsync(cloud.Org, project.Id, cloud.NewVmRequest("web-1", deleteRootDisk: false), Ct);
        var diskId = vm.RootDisk!.Id;

        var delete = await Assert.ThrowsAsync<NeevCloudApiException>(
            () => cloud.Client.DeleteRootDiskAsync(cloud.Org, project.Id, diskId, Ct));
        var attach = await Assert.ThrowsAsync<NeevCloudApiException>(
            () => cloud.Client.CreateVmAsync(
                cloud.Org, project.Id, cloud.NewVmRequest("web-2") with { RootDisk = RootDiskSource.Attach(diskId) }, Ct));

        AssertError(delete, CloudErrorKind.Conflict, HttpStatusCode.Conflict, "deleteRootDiskVolume");
        AssertError(attach, CloudErrorKind.Conflict, HttpStatusCode.Conflict, "createVM");
    }

    [Theory]
    [InlineData(429, CloudErrorKind.RateLimited)]
    [InlineData(500, CloudErrorKind.Transient)]
    [InlineData(502, CloudErrorKind.Transient)]
    [InlineData(503, CloudErrorKind.Transient)]
    public async Task Injected_status_on_a_create_maps_to_its_kind(int status, CloudErrorKind expected)
    {
        await using var cloud = await SimulatedCloud.StartAsync();
        await cloud.SetFaultsAsync(new FaultRule("createProject", status));

        var error = await Assert.ThrowsAsync<NeevCloudApiException>(() => cloud.CreateProjectAsync("p"));

        AssertError(error, expected, (HttpStatusCode)status, "createProject");
    }

    [Fact]
    public async Task Empty_ids_are_refused_before_any_request()
    {
        await using var cloud = await SimulatedCloud.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => cloud.Client.GetVmAsync(cloud.Org, "p", " ", Ct));

        Assert.Equal(0, await cloud.CountCallsAsync("listVMs") + await cloud.CountCallsAsync("getVM"));
    }

    private static void AssertError(NeevCloudApiException error, CloudErrorKind kind, HttpStatusCode status, string operation)
    {
        Assert.Equal(kind, error.Kind);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(operation, error.Operation);
        Assert.Contains($"NeevCloud {operation} returned {(int)status}", error.Message, StringComparison.Ordinal);
    }
}

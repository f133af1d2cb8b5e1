using NeevCloud.Operator.Cloud;

namespace NeevCloud.Operator.Tests.Cloud;

/// <summary>Happy paths of the five Tenant API operations against the simulator.</summary>
public sealed class ProjectOperationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_get_update_list_and_delete_a_project()
    {
        await using var cloud = await SimulatedCloud.StartAsync();
        var client = cloud.Client;

        var created = await client.CreateProjectAsync(cloud.Org, new CreateProjectRequest("research", "GPU experiments"), Ct);
        Assert.False(string.IsNullOrEmpty(created.Id));
        Assert.Equal("research", created.Name);
        Assert.Equal(ProjectStatus.Active, created.Status.Value);

        Assert.Equal(created, await client.GetProjectAsync(cloud.Org, created.Id, Ct));

        var renamed = await client.UpdateProjectAsync(cloud.Org, created.Id, new UpdateProjectRequest("research-2"), Ct);
        Assert.Equal(("research-2", "GPU experiments"), (renamed.Name, renamed.Description));

        var cleared = await client.UpdateProjectAsync(cloud.Org, created.Id, new UpdateProjectRequest(Description: ""), Ct);
        Assert.Equal("research-2", cleared.Name);
        Assert.True(string.IsNullOrEmpty(cleared.Description));

        var page = await client.ListProjectsAsync(cloud.Org, search: "research", cancellationToken: Ct);
        Assert.Contains(page.Data, p => p.Id == created.Id);
        Assert.Equal(1, page.Pagination?.CurrentPage);

        await client.DeleteProjectAsync(cloud.Org, created.Id, Ct);
        var gone = await Assert.ThrowsAsync<NeevCloudApiException>(() => client.GetProjectAsync(cloud.Org, created.Id, Ct));
        Assert.Equal(CloudErrorKind.NotFound, gone.Kind);
    }

    [Fact]
    public async Task Default_organization_comes_from_configuration()
    {
        await using var cloud = await SimulatedCloud.StartAsync();

        Assert.Equal(cloud.Org, cloud.Client.DefaultOrganizationId);
    }

    [Fact]
    public async Task Search_finds_a_project_by_name()
    {
        await using var cloud = await SimulatedCloud.StartAsync();
        await cloud.CreateProjectAsync("alpha");
        var beta = await cloud.CreateProjectAsync("beta");

        var found = await cloud.Client.ListAllProjectsAsync(cloud.Org, "beta", Ct).ToListAsync(Ct);

        Assert.Equal(beta.Id, Assert.Single(found).Id);
    }
}

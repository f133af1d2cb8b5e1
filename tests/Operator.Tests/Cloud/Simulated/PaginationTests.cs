using NeevCloud.Operator.Cloud;

namespace NeevCloud.Operator.Tests.Cloud;

public sealed class PaginationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task List_all_walks_every_page_of_one_hundred()
    {
        const int Projects = 205;
        await using var cloud = await SimulatedCloud.StartAsync();
        var created = new List<string>();
        for (var i = 0; i < Projects; i++)
        {
            created.Add((await cloud.CreateProjectAsync($"project-{i:D3}")).Id);
        }

        var listed = await cloud.Client.ListAllProjectsAsync(cloud.Org, cancellationToken: Ct).Select(p => p.Id).ToListAsync(Ct);

        Assert.Equal(created.Order(), listed.Order());
        Assert.Equal(3, await cloud.CountCallsAsync("listProjects"));
    }

    [Fact]
    public async Task One_page_reports_the_pagination_of_the_whole_list()
    {
        await using var cloud = await SimulatedCloud.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            await cloud.CreateProjectAsync($"project-{i}");
        }

        var page = await cloud.Client.ListProjectsAsync(cloud.Org, page: 2, limit: 2, cancellationToken: Ct);

        Assert.Equal(2, page.Data.Count);
        Assert.Equal(new Pagination(TotalItems: 5, TotalPages: 3, CurrentPage: 2, ItemsPerPage: 2), page.Pagination);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(1, 0)]
    [InlineData(1, 101)]
    public async Task Page_and_limit_outside_the_api_range_are_refused(int page, int limit)
    {
        await using var cloud = await SimulatedCloud.StartAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => cloud.Client.ListProjectsAsync(cloud.Org, page, limit, cancellationToken: Ct));
    }
}

using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
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

    [Theory]
    [InlineData(1, 100, 3, false)]
    [InlineData(3, 5, 3, true)]
    [InlineData(1, 100, null, false)]
    [InlineData(1, 100, 0, false)]
    [InlineData(2, 40, null, true)]
    [InlineData(2, 0, 5, true)]
    public void The_walk_ends_at_total_pages_or_when_the_server_names_none_at_the_first_short_page(int page, int count, int? totalPages, bool last) =>
        Assert.Equal(last, NeevCloudClient.IsLastPage(page, count, totalPages));

    [Fact]
    public async Task A_list_without_total_pages_is_walked_to_its_end()
    {
        using var api = new PagedProjectsApi(items: 150);
        await using var host = CloudClientHost.Create(
            new Dictionary<string, string?>
            {
                ["NeevCloud:TenantUrl"] = "http://neevcloud.test/tenant",
                ["NeevCloud:VmUrl"] = "http://neevcloud.test/vm",
                ["NeevCloud:OrganizationId"] = "org-1",
                ["NeevCloud:Token"] = "t",
            },
            services => services.AddHttpClient(NeevCloudHttpClientNames.Tenant).ConfigurePrimaryHttpMessageHandler(() => api));

        var listed = await host.Client.ListAllProjectsAsync("org-1", cancellationToken: Ct).CountAsync(Ct);

        Assert.Equal(150, listed);
        Assert.Equal(2, api.Requests);
    }

    /// <summary>listProjects whose pagination has every field but total_pages (all are optional in the contract).</summary>
    private sealed class PagedProjectsApi(int items) : HttpMessageHandler
    {
        public int Requests { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query);
            var (page, limit) = (int.Parse(query["page"]!, CultureInfo.InvariantCulture), int.Parse(query["limit"]!, CultureInfo.InvariantCulture));
            var data = Enumerable.Range(((page - 1) * limit) + 1, Math.Max(0, Math.Min(limit, items - ((page - 1) * limit))))
                .Select(i => new { id = $"p-{i}", name = $"project-{i}", status = "active" });
            var body = JsonSerializer.Serialize(new { data, pagination = new { total_items = items, current_page = page, items_per_page = limit } });
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }
}

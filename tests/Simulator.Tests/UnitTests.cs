using NeevCloud.Simulator.Domain;
using NeevCloud.Simulator.Validation;

namespace NeevCloud.Simulator.Tests;

/// <summary>Small pieces with rules of their own.</summary>
public sealed class UnitTests
{
    [Fact]
    public void Public_ips_skip_network_and_broadcast_addresses_and_wrap_around_the_range()
    {
        var pool = new PublicIpPool();

        var first = Enumerable.Range(0, 300).Select(_ => pool.Allocate()).ToList();

        Assert.Equal("198.18.0.1", first[0]);
        Assert.Equal("198.18.0.254", first[253]);
        Assert.Equal("198.18.1.1", first[254]);
        Assert.Equal(300, first.Distinct().Count());
    }

    [Fact]
    public void Seeded_ids_are_version_4_uuids()
    {
        var ids = new IdGenerator(5);

        var id = ids.Next().ToString();

        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", id);
        Assert.Equal(id, new IdGenerator(5).Next().ToString());
    }

    [Theory]
    [InlineData(0, 2, 1, 0, 0)]
    [InlineData(5, 2, 1, 3, 2)]
    [InlineData(5, 2, 3, 3, 1)]
    [InlineData(5, 2, 4, 3, 0)]
    [InlineData(5, 100, int.MaxValue, 1, 0)]
    public void Pages_count_and_cut_the_list(int items, int limit, int page, int totalPages, int onPage)
    {
        var result = Paginator.Page(Enumerable.Range(0, items).ToList(), new PageRequest(page, limit), i => i);

        Assert.Equal((items, totalPages, page, limit), (result.Pagination.TotalItems, result.Pagination.TotalPages, result.Pagination.CurrentPage, result.Pagination.ItemsPerPage));
        Assert.Equal(onPage, result.Data.Count);
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("web-1", true)]
    [InlineData("12345678901234567890", true)]
    [InlineData("123456789012345678901", false)]
    [InlineData("-web", false)]
    [InlineData("web.1", false)]
    [InlineData("", false)]
    public void Resource_names_are_dns_labels_of_at_most_20(string name, bool valid)
    {
        var problems = new ValidationProblems();

        problems.RequireResourceName("name", name);

        Assert.Equal(valid, !problems.Any);
    }
}

using NeevCloud.Crds.Projects;
using NeevCloud.Operator.Runtime;
using Operator.Tests.Controllers;

namespace Operator.Tests.Runtime;

/// <summary>A cache's index answers as a scan of the cache would, however the objects changed since it was built.</summary>
public sealed class EntityIndexTests
{
    private static readonly EntityIndex<Project> ByOrganization = new("organization", p => p.Spec.OrganizationId is { } org ? [org] : []);

    [Fact]
    public void Built_on_first_use_from_what_the_cache_holds_then_follows_every_change()
    {
        var cache = EmptyCluster.Cache<Project>();
        cache.Upsert(New("a", "1", "org-1"));
        cache.Upsert(New("b", "1", "org-1"));
        cache.Upsert(New("c", "1", null));

        Assert.Equal(["a", "b"], Names(cache.ListBy(ByOrganization, "org-1")));

        cache.Upsert(New("b", "2", "org-2"));  // moved
        cache.Upsert(New("c", "2", "org-1"));  // found under a value now
        cache.Upsert(New("a", "0", "org-9"));  // an older version: ignored by the cache, so by the index

        Assert.Equal(["a", "c"], Names(cache.ListBy(ByOrganization, "org-1")));
        Assert.Equal(["b"], Names(cache.ListBy(ByOrganization, "org-2")));
        Assert.Empty(cache.ListBy(ByOrganization, "org-9"));
        Assert.Empty(cache.ListBy(ByOrganization, "nowhere"));
    }

    [Fact]
    public void Two_indexes_of_the_same_name_keep_their_own_entries()
    {
        var cache = EmptyCluster.Cache<Project>();
        cache.Upsert(New("a", "1", "org-1"));
        var byName = new EntityIndex<Project>("organization", p => [p.Metadata.Name]);

        Assert.Equal(["a"], Names(cache.ListBy(ByOrganization, "org-1")));
        Assert.Equal(["a"], Names(cache.ListBy(byName, "a")));
        Assert.Empty(cache.ListBy(byName, "org-1"));
    }

    [Fact]
    public async Task Changes_racing_with_readers_leave_it_agreeing_with_a_scan()
    {
        var cache = EmptyCluster.Cache<Project>();
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(() =>
        {
            for (var version = 1; version <= 500; version++)
            {
                var name = $"p{(version * 7 + w) % 40}";
                cache.Upsert(New(name, (version * 4 + w).ToString(System.Globalization.CultureInfo.InvariantCulture), $"org-{(version + w) % 5}"));
                _ = cache.ListBy(ByOrganization, $"org-{version % 5}");
            }
        }, TestContext.Current.CancellationToken));
        await Task.WhenAll(writers);

        for (var org = 0; org < 5; org++)
        {
            var value = $"org-{org}";
            Assert.Equal(Names(cache.List().Where(p => p.Spec.OrganizationId == value)), Names(cache.ListBy(ByOrganization, value)));
        }
    }

    private static Project New(string name, string resourceVersion, string? organization) => new()
    {
        Metadata = new k8s.Models.V1ObjectMeta { Name = name, NamespaceProperty = "ml", ResourceVersion = resourceVersion, Uid = "uid-" + name },
        Spec = new ProjectSpec { OrganizationId = organization },
    };

    private static List<string> Names(IEnumerable<Project> projects) => [.. projects.Select(p => p.Metadata.Name).Order(StringComparer.Ordinal)];
}

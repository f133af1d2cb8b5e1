using NeevCloud.Simulator.Tests.Infrastructure;

namespace NeevCloud.Simulator.Tests;

/// <summary>The Tenant API's projects: happy paths, validation, 404, 409 and pagination.</summary>
public sealed class ProjectTests
{
    [Fact]
    public async Task Create_get_update_list_and_delete()
    {
        await using var sim = await TestSimulator.StartAsync();

        var created = await sim.Api.PostAsync(ApiClient.Projects(), new { name = "research", description = "GPU experiments" });
        Assert.Equal(201, created.Code);
        Assert.Equal(("research", "GPU experiments", "active"), (created.Field("name"), created.Field("description"), created.State));
        Assert.True(Guid.TryParse(created.Id, out _));

        var read = await sim.Api.GetAsync(ApiClient.Project(created.Id));
        Assert.Equal(created.RawBody, read.RawBody);

        var renamed = await sim.Api.PatchAsync(ApiClient.Project(created.Id), new { name = "research-2" });
        Assert.Equal(("research-2", "GPU experiments"), (renamed.Field("name"), renamed.Field("description")));

        var cleared = await sim.Api.PatchAsync(ApiClient.Project(created.Id), new { description = "" });
        Assert.Equal("research-2", cleared.Field("name"));
        Assert.Null(cleared.Body!["description"]);

        var listed = await sim.Api.GetAsync(ApiClient.Projects() + "?search=RESEARCH");
        Assert.Equal(created.Id, Assert.Single(listed.Json["data"]!.AsArray())!["id"]!.GetValue<string>());

        var deleted = await sim.Api.DeleteAsync(ApiClient.Project(created.Id));
        Assert.Equal(200, deleted.Code);
        Assert.False(string.IsNullOrEmpty(deleted.Field("message")));
        Assert.Equal(404, (await sim.Api.GetAsync(ApiClient.Project(created.Id))).Code);
    }

    public static TheoryData<string, string> InvalidCreates => new()
    {
        { "{}", "name" },
        { """{"name":""}""", "name" },
        { """{"name":"   "}""", "name" },
        { $$"""{"name":"{{new string('p', 101)}}"}""", "name" },
        { """{"name":42}""", "name" },
        { """{"name":"ok","description":7}""", "description" },
        { "null", "body" },
        { "[1,2]", "body" },
        { "{not json", "body" },
    };

    [Theory]
    [MemberData(nameof(InvalidCreates))]
    public async Task Invalid_create_bodies_are_400_naming_the_field(string body, string field)
    {
        await using var sim = await TestSimulator.StartAsync();

        var response = await sim.Api.PostAsync(ApiClient.Projects(), body);

        Assert.Equal(400, response.Code);
        Assert.Contains(field, response.ErrorMessage, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_name_of_exactly_100_characters_is_accepted()
    {
        await using var sim = await TestSimulator.StartAsync();

        var response = await sim.Api.PostAsync(ApiClient.Projects(), new { name = new string('p', 100) });

        Assert.Equal(201, response.Code);
    }

    public static TheoryData<string, string> InvalidUpdates => new()
    {
        { "{}", "at least one" },
        { """{"name":null,"description":null}""", "at least one" },
        { """{"name":""}""", "name" },
        { $$"""{"name":"{{new string('p', 101)}}"}""", "name" },
        { """{"description":false}""", "description" },
    };

    [Theory]
    [MemberData(nameof(InvalidUpdates))]
    public async Task Invalid_update_bodies_are_400(string body, string mention)
    {
        await using var sim = await TestSimulator.StartAsync();
        var project = await sim.Api.CreateProjectAsync("p");

        var response = await sim.Api.PatchAsync(ApiClient.Project(project), body);

        Assert.Equal(400, response.Code);
        Assert.Contains(mention, response.ErrorMessage, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_duplicate_name_is_409_whatever_its_case_and_renaming_onto_a_taken_name_is_400()
    {
        await using var sim = await TestSimulator.StartAsync();
        await sim.Api.CreateProjectAsync("taken");
        var other = await sim.Api.CreateProjectAsync("other");

        var duplicate = await sim.Api.PostAsync(ApiClient.Projects(), new { name = "Taken" });
        var rename = await sim.Api.PatchAsync(ApiClient.Project(other), new { name = "TAKEN" });
        var keepOwnName = await sim.Api.PatchAsync(ApiClient.Project(other), new { name = "Other" });

        Assert.Equal((409, "project_name_taken"), (duplicate.Code, duplicate.ErrorCode));
        Assert.Equal((400, "project_name_taken"), (rename.Code, rename.ErrorCode));
        Assert.Equal(200, keepOwnName.Code);
    }

    [Fact]
    public async Task The_same_name_in_another_organization_is_fine()
    {
        await using var sim = await TestSimulator.StartAsync();
        await sim.Api.CreateProjectAsync("shared");

        var second = await sim.Api.PostAsync(ApiClient.Projects(SimulatorDefaults.Organizations[1]), new { name = "shared" });
        var ofFirst = await sim.Api.GetAsync(ApiClient.Projects(SimulatorDefaults.Organizations[1]));

        Assert.Equal(201, second.Code);
        Assert.Single(ofFirst.Json["data"]!.AsArray());
    }

    [Fact]
    public async Task A_project_is_only_found_in_its_own_organization()
    {
        await using var sim = await TestSimulator.StartAsync();
        var project = await sim.Api.CreateProjectAsync("mine");

        var elsewhere = await sim.Api.GetAsync(ApiClient.Project(project, SimulatorDefaults.Organizations[1]));

        Assert.Equal(404, elsewhere.Code);
    }

    public static TheoryData<string, string> NotFound => new()
    {
        { "GET", ApiClient.Projects("org-unknown") },
        { "POST", ApiClient.Projects("org-unknown") },
        { "GET", ApiClient.Project("no-such-project") },
        { "GET", ApiClient.Project(Operations.AnyUuid) },
        { "PATCH", ApiClient.Project("no-such-project") },
        { "DELETE", ApiClient.Project("no-such-project") },
        { "GET", ApiClient.Project("no-such-project", "org-unknown") },
    };

    [Theory]
    [MemberData(nameof(NotFound))]
    public async Task Unknown_organizations_and_projects_are_404(string method, string path)
    {
        await using var sim = await TestSimulator.StartAsync();

        var response = await sim.Api.SendAsync(new HttpMethod(method), path, method is "POST" or "PATCH" ? """{"name":"x"}""" : null);

        Assert.Equal((404, "not_found"), (response.Code, response.ErrorCode));
    }

    [Fact]
    public async Task A_project_holding_resources_cannot_be_deleted_and_the_409_counts_them()
    {
        await using var sim = await TestSimulator.StartAsync();
        var project = await sim.Api.CreateProjectAsync("busy");
        await sim.Admin.SetProjectCountsAsync(project, apiKeys: 1, aiRuntimes: 2, cancellationToken: Test.Ct);

        var refused = await sim.Api.DeleteAsync(ApiClient.Project(project));

        Assert.Equal((409, "project_not_empty"), (refused.Code, refused.ErrorCode));
        Assert.Equal(1, refused.Json["details"]!["api_keys"]!.GetValue<int>());
        Assert.Equal(2, refused.Json["details"]!["airuntimes"]!.GetValue<int>());
        Assert.Equal(0, refused.Json["details"]!["storage_volumes"]!.GetValue<int>());

        await sim.Admin.SetProjectCountsAsync(project, apiKeys: 0, aiRuntimes: 0, cancellationToken: Test.Ct);
        Assert.Equal(200, (await sim.Api.DeleteAsync(ApiClient.Project(project))).Code);
    }

    [Fact]
    public async Task Pagination_reports_the_whole_list_and_a_page_past_the_end_is_empty()
    {
        await using var sim = await TestSimulator.StartAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await sim.Api.CreateProjectAsync($"project-{i}"));
        }

        var second = await sim.Api.GetAsync(ApiClient.Projects() + "?page=2&limit=2");
        var past = await sim.Api.GetAsync(ApiClient.Projects() + "?page=9&limit=2");
        var all = await sim.Api.GetAsync(ApiClient.Projects());

        Assert.Equal(ids.Skip(2).Take(2), second.Json["data"]!.AsArray().Select(p => p!["id"]!.GetValue<string>()));
        Assert.Equal("""{"total_items":5,"total_pages":3,"current_page":2,"items_per_page":2}""", second.Json["pagination"]!.ToJsonString());
        Assert.Empty(past.Json["data"]!.AsArray());
        Assert.Equal(9, past.Json["pagination"]!["current_page"]!.GetValue<int>());
        Assert.Equal("""{"total_items":5,"total_pages":1,"current_page":1,"items_per_page":20}""", all.Json["pagination"]!.ToJsonString());
        Assert.Equal(ids, all.Json["data"]!.AsArray().Select(p => p!["id"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("page=-1")]
    [InlineData("page=abc")]
    [InlineData("limit=0")]
    [InlineData("limit=101")]
    [InlineData("limit=1.5")]
    public async Task Page_and_limit_outside_the_contract_are_400(string query)
    {
        await using var sim = await TestSimulator.StartAsync();

        var response = await sim.Api.GetAsync(ApiClient.Projects() + "?" + query);

        Assert.Equal(400, response.Code);
        Assert.Contains(query.Split('=')[0], response.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_project_limit_per_organization_answers_400()
    {
        await using var sim = await TestSimulator.StartAsync(o => o.MaxProjectsPerOrganization = 2);
        await sim.Api.CreateProjectAsync("a");
        await sim.Api.CreateProjectAsync("b");

        var third = await sim.Api.PostAsync(ApiClient.Projects(), new { name = "c" });

        Assert.Equal((400, "resource_limit_exceeded"), (third.Code, third.ErrorCode));
    }

    [Fact]
    public async Task Project_status_set_by_the_admin_api_shows_in_answers()
    {
        await using var sim = await TestSimulator.StartAsync();
        var project = await sim.Api.CreateProjectAsync("p");

        await sim.Admin.SetProjectStatusAsync(project, "suspended", Test.Ct);

        Assert.Equal("suspended", (await sim.Api.GetAsync(ApiClient.Project(project))).State);
    }
}

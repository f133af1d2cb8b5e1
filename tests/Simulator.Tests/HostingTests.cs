using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using NeevCloud.Simulator.Domain;
using NeevCloud.Simulator.Hosting;
using NeevCloud.Simulator.Tests.Infrastructure;

namespace NeevCloud.Simulator.Tests;

/// <summary>Starting the simulator in-process and standalone, and its settings.</summary>
public sealed class HostingTests
{
    [Fact]
    public async Task The_host_listens_on_loopback_and_exposes_its_urls_and_default_token()
    {
        await using var host = await SimulatorHost.StartAsync(cancellationToken: Test.Ct);

        Assert.Matches(@"^http://127\.0\.0\.1:\d+/$", host.BaseAddress.AbsoluteUri);
        Assert.Equal(host.BaseAddress.AbsoluteUri + "tenant", host.TenantUrl.AbsoluteUri);
        Assert.Equal(host.BaseAddress.AbsoluteUri + "vm", host.VmUrl.AbsoluteUri);
        Assert.Equal(SimulatorDefaults.Token, host.Token);
        Assert.Empty((await host.Admin.GetStateAsync(Test.Ct)).Projects);
    }

    [Fact]
    public async Task Two_hosts_run_side_by_side_with_separate_state()
    {
        await using var first = await SimulatorHost.StartAsync(cancellationToken: Test.Ct);
        await using var second = await SimulatorHost.StartAsync(cancellationToken: Test.Ct);
        using var api = new ApiClient(first, first.Token);
        await api.CreateProjectAsync("only-in-first");

        Assert.NotEqual(first.BaseAddress, second.BaseAddress);
        Assert.Empty((await second.Admin.GetStateAsync(Test.Ct)).Projects);
    }

    [Theory]
    [InlineData("StepDuration", "00:00:00")]
    [InlineData("DeletedVmRetention", "-00:00:01")]
    [InlineData("MaxVmsPerProject", "0")]
    [InlineData("Faults:Rules:0:Operation", "getVm")]
    public async Task Invalid_settings_stop_the_start_naming_the_setting(string key, string value)
    {
        var options = Bind(new Dictionary<string, string?> { [$"Simulator:{key}"] = value });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SimulatorHost.StartAsync(options, cancellationToken: Test.Ct));

        Assert.Contains(key.Split(':')[0], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_bind_from_the_simulator_section_and_lists_replace_the_defaults()
    {
        var options = Bind(new Dictionary<string, string?>
        {
            ["Simulator:Token"] = "tok-1",
            ["Simulator:StepDuration"] = "00:00:00.250",
            ["Simulator:DeletedVmRetention"] = "00:00:30",
            ["Simulator:Seed"] = "42",
            ["Simulator:Catalog:Regions:0"] = "in-bom-1",
            ["Simulator:Catalog:Regions:1"] = "in-del-1",
            ["Simulator:Faults:Rules:0:Operation"] = "createVM",
            ["Simulator:Faults:Rules:0:LostResponse"] = "true",
            ["Simulator:Faults:Rules:0:Probability"] = "0.1",
        });

        var catalog = Catalog.From(options.Catalog);

        Assert.Equal(("tok-1", TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(30), 42), (options.EffectiveToken, options.StepDuration, options.DeletedVmRetention, options.Seed));
        Assert.Equal(["in-bom-1", "in-del-1"], catalog.Regions);
        Assert.Equal(SimulatorDefaults.Images, catalog.Images);
        var rule = Assert.Single(options.Faults.Rules);
        Assert.Equal(("createVM", true, 0.1, null), (rule.Operation, rule.LostResponse, rule.Probability, rule.Status));
    }

    [Fact]
    public async Task The_standalone_code_path_serves_the_same_api_on_the_urls_it_is_given()
    {
        var builder = WebApplication.CreateBuilder(["--urls", "http://127.0.0.1:0", "--Simulator:Token=tok-standalone"]);
        var options = builder.Configuration.GetSection(SimulatorOptions.SectionName).Get<SimulatorOptions>()!;
        await using var app = SimulatorApplication.Build(builder, options, TimeProvider.System, announce: true);
        await app.StartAsync(Test.Ct);
        var address = new Uri(app.Urls.First() + "/");
        using var admin = new SimulatorAdminClient(address);
        using var http = new HttpClient { BaseAddress = address };
        http.DefaultRequestHeaders.Authorization = new("Bearer", "tok-standalone");

        var catalog = await admin.GetCatalogAsync(Test.Ct);
        using var list = await http.GetAsync(ApiClient.Projects(), Test.Ct);

        Assert.Equal(SimulatorDefaults.Organizations, catalog.Organizations);
        Assert.Equal(200, (int)list.StatusCode);
        await app.StopAsync(Test.Ct);
    }

    [Fact]
    public async Task An_unknown_path_is_a_404_with_the_error_body_and_is_not_counted()
    {
        await using var sim = await TestSimulator.StartAsync();

        var response = await sim.Api.GetAsync("vm/api/v1/orgs/x/projects");

        Assert.Equal((404, "not_found"), (response.Code, response.ErrorCode));
        Assert.Empty((await sim.Admin.GetCallsAsync(Test.Ct)).Calls);
    }

    [Fact]
    public async Task A_seed_makes_the_minted_ids_repeatable()
    {
        async Task<(string Project, string Vm)> RunAsync()
        {
            await using var sim = await TestSimulator.StartAsync(o => o.Seed = 1234);
            var project = await sim.Api.CreateProjectAsync("p");
            return (project, (await sim.Api.CreateVmAsync(project, "web-1")).Id);
        }

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.Equal(first, second);
        Assert.Equal('4', first.Vm[14]);
    }

    private static SimulatorOptions Bind(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build()
            .GetSection(SimulatorOptions.SectionName).Get<SimulatorOptions>() ?? new SimulatorOptions();
}

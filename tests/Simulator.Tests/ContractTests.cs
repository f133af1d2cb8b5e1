using NeevCloud.Simulator.Endpoints;
using NeevCloud.Simulator.Tests.Infrastructure;

namespace NeevCloud.Simulator.Tests;

/// <summary>
/// docs/api is a valid OpenAPI description, names exactly the simulator's operations, and every status it lists
/// that the simulator can produce is produced by one walk through all operations — each answer checked against
/// its schema by the test client (as in every other test of this project).
/// </summary>
public sealed class ContractTests
{
    [Theory]
    [InlineData(ContractDocuments.TenantFile)]
    [InlineData(ContractDocuments.VmFile)]
    public void The_description_reads_without_errors(string file)
    {
        var (document, errors) = ContractDocuments.Instance.Documents[file];

        Assert.Empty(errors);
        Assert.Contains("\"openapi\": \"3.0.3\"", File.ReadAllText(ContractDocuments.PathOf(file)), StringComparison.Ordinal);
        Assert.NotEmpty(document.Paths);
        Assert.Equal("bearer", document.Components!.SecuritySchemes!["BearerAuth"].Scheme);
    }

    [Fact]
    public void The_description_has_exactly_the_operations_the_simulator_counts()
    {
        var described = ContractDocuments.Instance.Operations.Select(o => o.OperationId).Order(StringComparer.Ordinal);

        Assert.Equal(ApiOperations.All.Order(StringComparer.Ordinal), described);
    }

    [Fact]
    public void Every_error_answer_is_described_with_the_error_body()
    {
        foreach (var operation in ContractDocuments.Instance.Operations)
        {
            foreach (var (status, response) in operation.Operation.Responses!.Where(r => r.Key[0] is '4' or '5'))
            {
                var schema = Assert.Single(response.Content!).Value.Schema!;
                Assert.True(schema.Required!.Contains("code") && schema.Required.Contains("message"), $"{operation.OperationId} {status}");
            }
        }
    }

    [Fact]
    public async Task One_walk_through_every_operation_meets_every_documented_status_the_simulator_produces()
    {
        await using var sim = await TestSimulator.StartAsync();
        var api = sim.Api;
        var anonymous = sim.Anonymous;
        const string Login = "tenant/api/v1/auth/login";

        await anonymous.PostAsync(Login, new { email = SimulatorDefaults.Email, password = SimulatorDefaults.Password });
        await anonymous.PostAsync(Login, new { email = SimulatorDefaults.Email });
        await anonymous.PostAsync(Login, new { email = SimulatorDefaults.Email, password = "wrong" });
        await anonymous.PostAsync(Login, new { email = "nobody@example.com", password = "x" });

        var project = await api.CreateProjectAsync("walk", "every operation");
        await api.PostAsync(ApiClient.Projects(), new { name = "walk" });
        await api.PostAsync(ApiClient.Projects(), "{}");
        await api.PostAsync(ApiClient.Projects("org-none"), new { name = "x" });
        await api.GetAsync(ApiClient.Projects());
        await api.GetAsync(ApiClient.Projects() + "?limit=0");
        await api.GetAsync(ApiClient.Projects("org-none"));
        await api.GetAsync(ApiClient.Project(project));
        await api.GetAsync(ApiClient.Project("none"));
        await api.PatchAsync(ApiClient.Project(project), new { name = "walk-2" });
        await api.PatchAsync(ApiClient.Project(project), "{}");
        await api.PatchAsync(ApiClient.Project("none"), new { name = "x" });

        var vm = await api.CreateVmAsync(project, "web-1", deleteRootDisk: false);
        var disk = vm.Json["root_disk"]!["id"]!.GetValue<string>();
        await api.PostAsync(ApiClient.Vms(project), "{}");
        await api.PostAsync(ApiClient.Vms("none"), VmBodies.Valid().ToJsonString());
        await api.PostAsync(ApiClient.Vms(project), VmBodies.Attaching("web-2", disk).ToJsonString());
        await api.GetAsync(ApiClient.Vms(project));
        await api.GetAsync(ApiClient.Vms(project) + "?page=0");
        await api.GetAsync(ApiClient.Vms("none"));
        await api.GetAsync(ApiClient.Vm(project, vm.Id));
        await api.GetAsync(ApiClient.Vm(project, "x"));
        await api.GetAsync(ApiClient.Vm(project, Operations.AnyUuid));
        foreach (var action in new[] { "start", "stop", "restart" })
        {
            await api.PostAsync(ApiClient.Vm(project, "x") + "/" + action);
            await api.PostAsync(ApiClient.Vm(project, Operations.AnyUuid) + "/" + action);
        }

        await api.PostAsync(ApiClient.Vm(project, vm.Id) + "/start");
        await api.PostAsync(ApiClient.Vm(project, vm.Id) + "/restart");
        sim.Advance(3);
        await api.PostAsync(ApiClient.Vm(project, vm.Id) + "/start");
        await api.PostAsync(ApiClient.Vm(project, vm.Id) + "/restart");
        sim.Advance();
        await api.PostAsync(ApiClient.Vm(project, vm.Id) + "/stop");
        await api.PostAsync(ApiClient.Vm(project, vm.Id) + "/stop");
        await api.PostAsync(ApiClient.Vm(project, vm.Id) + "/start");
        sim.Advance();

        await api.GetAsync(ApiClient.RootDisks(project));
        await api.GetAsync(ApiClient.RootDisk(project, disk));
        await api.GetAsync(ApiClient.RootDisk(project, Operations.AnyUuid));
        await api.DeleteAsync(ApiClient.RootDisk(project, disk));
        await api.DeleteAsync(ApiClient.RootDisk(project, "x"));
        await api.DeleteAsync(ApiClient.RootDisk(project, Operations.AnyUuid));
        await api.DeleteAsync(ApiClient.Project(project));
        await api.DeleteAsync(ApiClient.Project("none"));
        await api.DeleteAsync(ApiClient.Vm(project, vm.Id));
        await api.DeleteAsync(ApiClient.Vm(project, "x"));
        await api.DeleteAsync(ApiClient.Vm(project, Operations.AnyUuid));
        sim.Advance();
        await api.DeleteAsync(ApiClient.RootDisk(project, disk));
        sim.Advance();
        sim.Time.Advance(TestSimulator.Retention);
        await api.DeleteAsync(ApiClient.Project(project));
        foreach (var (_, method, path) in Operations.ProtectedList(project))
        {
            await anonymous.SendAsync(new HttpMethod(method), path, method is "POST" or "PATCH" ? "{}" : null);
        }

        var met = api.Handler.Checked.Concat(anonymous.Handler.Checked).ToHashSet();
        var missing = ContractDocuments.Instance.Operations
            .SelectMany(o => o.Operation.Responses!.Keys.Select(status => (o.OperationId, Status: int.Parse(status, System.Globalization.CultureInfo.InvariantCulture))))
            .Where(pair => !met.Contains(pair) && !NeverProduced(pair.OperationId, pair.Status))
            .ToList();
        Assert.Empty(missing);
    }

    /// <summary>Documented answers the simulator never gives on its own: 403 and 500 (the fault rules make them), 400 of getProject (ids are opaque).</summary>
    private static bool NeverProduced(string operation, int status) =>
        status is 403 or 500 || (operation, status) is ("getProject", 400) or ("deleteProject", 400);
}

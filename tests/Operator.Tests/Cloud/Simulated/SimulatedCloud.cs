using System.Net.Http.Json;
using System.Text.Json;
using NeevCloud.Operator.Cloud;
using NeevCloud.Simulator;

namespace NeevCloud.Operator.Tests.Cloud;

/// <summary>
/// An in-process simulator and a client wired to it as the operator would be, with fast backoff and a rate
/// limit that does not slow tests down unless a test asks for one.
/// </summary>
internal sealed class SimulatedCloud : IAsyncDisposable
{
    private static readonly JsonSerializerOptions _adminJson = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    private readonly HttpClient _admin;

    private SimulatedCloud(SimulatorHost simulator, CloudClientHost host, SimCatalog catalog)
    {
        Simulator = simulator;
        Host = host;
        Catalog = catalog;
        _admin = new HttpClient { BaseAddress = simulator.BaseAddress };
    }

    public SimulatorHost Simulator { get; }

    public CloudClientHost Host { get; }

    public INeevCloudClient Client => Host.Client;

    public SimCatalog Catalog { get; }

    public string Org => Catalog.Organizations[0];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<SimulatedCloud> StartAsync(
        IReadOnlyDictionary<string, string?>? overrides = null,
        TimeProvider? simulatorTime = null,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configure = null)
    {
        var simulator = await SimulatorHost.StartAsync(timeProvider: simulatorTime, cancellationToken: Ct);
        using var admin = new HttpClient { BaseAddress = simulator.BaseAddress };
        var catalog = (await admin.GetFromJsonAsync<SimCatalog>("_sim/catalog", _adminJson, Ct))!;

        var settings = new Dictionary<string, string?>
        {
            ["NeevCloud:TenantUrl"] = simulator.TenantUrl.ToString(),
            ["NeevCloud:VmUrl"] = simulator.VmUrl.ToString(),
            ["NeevCloud:OrganizationId"] = catalog.Organizations[0],
            ["NeevCloud:Token"] = simulator.Token,
            ["NeevCloud:Retry:BaseDelay"] = "00:00:00.001",
            ["NeevCloud:Retry:MaxDelay"] = "00:00:00.020",
            ["NeevCloud:RateLimit:RequestsPerSecond"] = "10000",
            ["NeevCloud:RateLimit:Burst"] = "10000",
            ["NeevCloud:Timeouts:Attempt"] = "00:00:05",
            ["NeevCloud:Timeouts:Total"] = "00:00:20",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return new SimulatedCloud(simulator, CloudClientHost.Create(settings, configure), catalog);
    }

    public async Task SetFaultsAsync(params FaultRule[] rules)
    {
        using var response = await _admin.PutAsJsonAsync("_sim/faults", new { seed = 42, rules }, _adminJson, Ct);
        response.EnsureSuccessStatusCode();
    }

    public async Task ClearFaultsAsync()
    {
        using var response = await _admin.DeleteAsync(new Uri("_sim/faults", UriKind.Relative), Ct);
        response.EnsureSuccessStatusCode();
    }

    public async Task SetProjectCountsAsync(string projectId, int apiKeys, int aiRuntimes)
    {
        using var response = await _admin.PutAsJsonAsync(
            $"_sim/projects/{projectId}/counts", new { api_keys = apiKeys, airuntimes = aiRuntimes }, _adminJson, Ct);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Requests the simulator received for an operation, optionally only those answered with a status.</summary>
    public async Task<int> CountCallsAsync(string operation, int? status = null)
    {
        var calls = (await _admin.GetFromJsonAsync<SimCalls>("_sim/calls", _adminJson, Ct))!;
        return calls.Calls.Where(c => c.Operation == operation && (status is null || c.Status == status)).Sum(c => c.Count);
    }

    public Task<CloudProject> CreateProjectAsync(string name) =>
        Client.CreateProjectAsync(Org, new CreateProjectRequest(name, "created by a test"), Ct);

    public CreateVmRequest NewVmRequest(string name, bool deleteRootDisk = true) =>
        new(name, Catalog.Regions[0], Catalog.VmConfigs[0], Catalog.Plans[0], RootDiskSource.Create($"{name}-root", 20, Catalog.Images[0]))
        {
            DeleteRootDisk = deleteRootDisk,
        };

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await Host.DisposeAsync();
        await Simulator.DisposeAsync();
    }

    internal sealed record SimCatalog(
        IReadOnlyList<string> Organizations,
        IReadOnlyList<string> Regions,
        IReadOnlyList<string> VmConfigs,
        IReadOnlyList<string> Plans,
        IReadOnlyList<string> Images);

    internal sealed record SimCalls(IReadOnlyList<SimCall> Calls);

    internal sealed record SimCall(string Operation, int Status, int Count);
}

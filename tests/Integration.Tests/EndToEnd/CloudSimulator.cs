using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NeevCloud.Simulator;

namespace Integration.Tests.EndToEnd;

/// <summary>
/// The in-process NeevCloud simulator plus plain HTTP access to its public API, as another
/// NeevCloud user would act (e.g. in the console), and the few admin actions the tests need.
/// </summary>
internal sealed class CloudSimulator : IAsyncDisposable
{
    private readonly HttpClient _http;

    private CloudSimulator(SimulatorHost host, string organizationId)
    {
        Host = host;
        OrganizationId = organizationId;
        _http = new HttpClient { BaseAddress = host.BaseAddress };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", host.Token);
    }

    public SimulatorHost Host { get; }

    public string OrganizationId { get; }

    public static async Task<CloudSimulator> StartAsync(CancellationToken ct, SimulatorOptions? options = null)
    {
        var host = await SimulatorHost.StartAsync(options, cancellationToken: ct);
        var catalog = await host.Admin.GetCatalogAsync(ct);
        return new CloudSimulator(host, catalog.Organizations[0]);
    }

    /// <summary>Cloud projects with this name, from the simulator's own state.</summary>
    public async Task<IReadOnlyList<JsonNode>> ProjectsNamedAsync(string name, CancellationToken ct)
    {
        var page = await _http.GetFromJsonAsync<JsonObject>($"tenant/api/v1/orgs/{OrganizationId}/projects?limit=100&search={Uri.EscapeDataString(name)}", ct);
        return [.. page!["data"]!.AsArray().Where(p => p!["name"]!.GetValue<string>() == name).Select(p => p!)];
    }

    public async Task<JsonNode> CreateProjectAsync(string name, CancellationToken ct)
    {
        var response = await _http.PostAsJsonAsync($"tenant/api/v1/orgs/{OrganizationId}/projects", new { name }, ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonNode>(ct))!;
    }

    public async Task RenameProjectAsync(string projectId, string name, CancellationToken ct)
    {
        var response = await _http.PatchAsJsonAsync($"tenant/api/v1/orgs/{OrganizationId}/projects/{projectId}", new { name }, ct);
        response.EnsureSuccessStatusCode();
    }

    public async Task<bool> ProjectExistsAsync(string projectId, CancellationToken ct)
    {
        using var response = await _http.GetAsync($"tenant/api/v1/orgs/{OrganizationId}/projects/{projectId}", ct);
        return response.IsSuccessStatusCode;
    }

    /// <summary>The request is executed, then its answer is lost (the next <paramref name="times"/> calls).</summary>
    public Task LoseResponsesAsync(string operation, int times, CancellationToken ct) =>
        Host.Admin.SetFaultsAsync([new SimulatorFaultRule { Operation = operation, LostResponse = true, MaxCount = times }], seed: 1, ct);

    /// <summary>Everything the simulator holds, as its admin API reports it.</summary>
    public Task<SimulatorState> StateAsync(CancellationToken ct) => Host.Admin.GetStateAsync(ct);

    /// <summary>How many requests reached an operation (whatever their answer).</summary>
    public async Task<int> CallsAsync(string operation, CancellationToken ct) =>
        (await Host.Admin.GetCallsAsync(ct)).CountOf(operation);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Host.DisposeAsync();
    }
}

using System.Net.Http.Json;
using NeevCloud.Simulator.Json;

namespace NeevCloud.Simulator;

/// <summary>
/// A typed client of the <c>/_sim</c> admin API, for an in-process <see cref="SimulatorHost"/> or a standalone
/// simulator (<c>new SimulatorAdminClient(new Uri("http://127.0.0.1:8080/"))</c>). Failures throw
/// <see cref="HttpRequestException"/> carrying the status and the simulator's message.
/// </summary>
public sealed class SimulatorAdminClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    /// <summary>A client of the simulator at <paramref name="baseAddress"/> (its root, e.g. http://127.0.0.1:8080/).</summary>
    public SimulatorAdminClient(Uri baseAddress)
        : this(new HttpClient { BaseAddress = WithTrailingSlash(baseAddress) }, ownsHttp: true)
    {
    }

    /// <summary>A client over <paramref name="httpClient"/>, whose BaseAddress is the simulator's root; not disposed by this client.</summary>
    public SimulatorAdminClient(HttpClient httpClient)
        : this(httpClient, ownsHttp: false)
    {
        ArgumentNullException.ThrowIfNull(httpClient.BaseAddress, "httpClient.BaseAddress");
    }

    private SimulatorAdminClient(HttpClient httpClient, bool ownsHttp)
    {
        _http = httpClient;
        _ownsHttp = ownsHttp;
    }

    public Task<SimulatorCatalog> GetCatalogAsync(CancellationToken cancellationToken = default) =>
        GetAsync<SimulatorCatalog>("_sim/catalog", cancellationToken);

    public Task<SimulatorCalls> GetCallsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<SimulatorCalls>("_sim/calls", cancellationToken);

    public Task<SimulatorState> GetStateAsync(CancellationToken cancellationToken = default) =>
        GetAsync<SimulatorState>("_sim/state", cancellationToken);

    /// <summary>Clears projects, VMs, disks, call counts and faults; the catalog and token stay.</summary>
    public Task ResetAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "_sim/reset", null, cancellationToken);

    /// <summary>Replaces the fault rules (and their fired counts).</summary>
    public Task SetFaultsAsync(SimulatorFaults faults, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, "_sim/faults", faults, cancellationToken);

    /// <summary>Replaces the fault rules with <paramref name="rules"/>, dice seeded with <paramref name="seed"/>.</summary>
    public Task SetFaultsAsync(IEnumerable<SimulatorFaultRule> rules, int? seed = null, CancellationToken cancellationToken = default) =>
        SetFaultsAsync(new SimulatorFaults { Seed = seed, Rules = [.. rules] }, cancellationToken);

    public Task ClearFaultsAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, "_sim/faults", null, cancellationToken);

    /// <summary>The VM turns <c>failed</c> with <paramref name="message"/>.</summary>
    public Task<SimulatorVmState> FailVmAsync(string vmId, string message, CancellationToken cancellationToken = default) =>
        SendAsync<SimulatorVmState>(HttpMethod.Post, $"_sim/vms/{Escape(vmId)}/fail", new { message }, cancellationToken);

    /// <summary>A stop as if from the console: the VM goes stopping, then stopped.</summary>
    public Task<SimulatorVmState> StopVmOutOfBandAsync(string vmId, CancellationToken cancellationToken = default) =>
        SendAsync<SimulatorVmState>(HttpMethod.Post, $"_sim/vms/{Escape(vmId)}/stop", null, cancellationToken);

    /// <summary>Forces any status string (say "hibernating"), with no side effect and no next step.</summary>
    public Task<SimulatorVmState> SetVmStatusAsync(string vmId, string status, string? message = null, CancellationToken cancellationToken = default) =>
        SendAsync<SimulatorVmState>(HttpMethod.Post, $"_sim/vms/{Escape(vmId)}/status", new { status, message }, cancellationToken);

    /// <summary>A delete as if from the console; with <paramref name="purge"/> the VM is gone (404) at once.</summary>
    public Task<SimulatorVmState> DeleteVmOutOfBandAsync(string vmId, bool purge = false, CancellationToken cancellationToken = default) =>
        SendAsync<SimulatorVmState>(HttpMethod.Delete, $"_sim/vms/{Escape(vmId)}{(purge ? "?purge=true" : string.Empty)}", null, cancellationToken);

    /// <summary>Sets what a deleteProject 409 counts; <paramref name="storageVolumes"/> adds to the disks the simulator tracks.</summary>
    public Task<SimulatorProjectState> SetProjectCountsAsync(
        string projectId, int apiKeys, int aiRuntimes, int? storageVolumes = null, CancellationToken cancellationToken = default) =>
        SendAsync<SimulatorProjectState>(
            HttpMethod.Put, $"_sim/projects/{Escape(projectId)}/counts",
            new { api_keys = apiKeys, airuntimes = aiRuntimes, storage_volumes = storageVolumes }, cancellationToken);

    /// <summary>Sets the project's status: active, suspended, archived or inactive.</summary>
    public Task<SimulatorProjectState> SetProjectStatusAsync(string projectId, string status, CancellationToken cancellationToken = default) =>
        SendAsync<SimulatorProjectState>(HttpMethod.Put, $"_sim/projects/{Escape(projectId)}/status", new { status }, cancellationToken);

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private static Uri WithTrailingSlash(Uri baseAddress) =>
        baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");

    private static string Escape(string id) => Uri.EscapeDataString(id);

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, path, body, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    private async Task SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, path, body, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: SimulatorJson.Options);
        }

        return await _http.SendAsync(request, cancellationToken);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(SimulatorJson.Options, cancellationToken)
            ?? throw new HttpRequestException($"The simulator answered {response.RequestMessage?.RequestUri} with an empty body.");
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException(
                $"The simulator's admin API answered {(int)response.StatusCode} to {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {body}",
                null,
                response.StatusCode);
        }
    }
}

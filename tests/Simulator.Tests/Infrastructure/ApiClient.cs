using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NeevCloud.Simulator.Tests.Infrastructure;

/// <summary>
/// Raw HTTP to the simulator's two APIs, every answer contract-checked. Paths are relative to the simulator root
/// ("tenant/api/v1/..."); the helpers build the usual ones.
/// </summary>
internal sealed class ApiClient : IDisposable
{
    private readonly HttpClient _http;

    public ApiClient(SimulatorHost host, string? token)
    {
        Handler = new ContractCheckingHandler(new SocketsHttpHandler());
        _http = new HttpClient(Handler) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public ContractCheckingHandler Handler { get; }

    public static string Org => SimulatorDefaults.Organizations[0];

    public static string Projects(string org = "") => $"tenant/api/v1/orgs/{(org.Length == 0 ? Org : org)}/projects";

    public static string Project(string projectId, string org = "") => $"{Projects(org)}/{projectId}";

    public static string Vms(string projectId, string org = "") => $"vm/api/v1/orgs/{(org.Length == 0 ? Org : org)}/projects/{projectId}/vms";

    public static string Vm(string projectId, string vmId, string org = "") => $"{Vms(projectId, org)}/{vmId}";

    public static string RootDisks(string projectId, string org = "") => $"vm/api/v1/orgs/{(org.Length == 0 ? Org : org)}/projects/{projectId}/root_disks";

    public static string RootDisk(string projectId, string diskId, string org = "") => $"{RootDisks(projectId, org)}/{diskId}";

    public Task<ApiResponse> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<ApiResponse> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path);

    public Task<ApiResponse> PostAsync(string path, object? body = null) => SendAsync(HttpMethod.Post, path, body);

    public Task<ApiResponse> PatchAsync(string path, object? body) => SendAsync(HttpMethod.Patch, path, body);

    /// <summary>Sends <paramref name="body"/> as JSON: a string is sent as it is, anything else serialized.</summary>
    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            var json = body as string ?? JsonSerializer.Serialize(body);
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request, Test.Ct);
        var text = await response.Content.ReadAsStringAsync(Test.Ct);
        var node = text.Length == 0 ? null : JsonNode.Parse(text);
        return new ApiResponse(response.StatusCode, node, response.Headers, text);
    }

    /// <summary>Creates a project and returns its id (fails the test unless 201).</summary>
    public async Task<string> CreateProjectAsync(string name, string? description = null)
    {
        var response = await PostAsync(Projects(), description is null ? new { name } : new { name, description });
        Assert.True(response.Code == 201, $"create project {name}: {response}");
        return response.Id;
    }

    /// <summary>Creates a VM with a new root disk (fails the test unless 201) and returns the answer.</summary>
    public async Task<ApiResponse> CreateVmAsync(string projectId, string name, bool deleteRootDisk = true, Action<JsonObject>? change = null)
    {
        var body = VmBodies.Valid(name, deleteRootDisk);
        change?.Invoke(body);
        var response = await PostAsync(Vms(projectId), body.ToJsonString());
        Assert.True(response.Code == 201, $"create VM {name}: {response}");
        return response;
    }

    public void Dispose() => _http.Dispose();
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NeevCloud.Operator.Cloud;

namespace NeevCloud.Operator.Tests.Cloud;

/// <summary>
/// One refused credential parks the whole process: calls fail fast without a request until a probe is due
/// or the token changes, so a thousand resources cannot each keep asking with a token the API refused.
/// </summary>
public sealed class CredentialBreakerTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly StubLoginApi _api = new() { AcceptedToken = "good-token" };
    private readonly FakeTimeProvider _time = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task After_a_401_calls_fail_fast_without_a_request_until_the_next_probe()
    {
        await using var host = await CreateHostAsync("refused-token");
        await Assert.ThrowsAsync<NeevCloudApiException>(() => host.Client.GetProjectAsync("org-1", "p-1", Ct));
        var sent = _api.ProjectCalls;

        var errors = new List<NeevCloudApiException>();
        for (var i = 0; i < 20; i++)
        {
            errors.Add(await Assert.ThrowsAsync<NeevCloudApiException>(() => host.Client.GetProjectAsync("org-1", "p-1", Ct)));
        }

        Assert.Equal(sent, _api.ProjectCalls);
        Assert.All(errors, e => Assert.Equal(CloudErrorKind.Unauthorized, e.Kind));
        Assert.All(errors, e => Assert.True(e.RetryAfter > TimeSpan.Zero && e.RetryAfter <= CredentialBreaker.FirstProbe));

        _time.Advance(CredentialBreaker.FirstProbe);
        await Assert.ThrowsAsync<NeevCloudApiException>(() => host.Client.GetProjectAsync("org-1", "p-1", Ct));
        await Assert.ThrowsAsync<NeevCloudApiException>(() => host.Client.GetProjectAsync("org-1", "p-1", Ct));

        Assert.Equal(sent + 1, _api.ProjectCalls);
    }

    [Fact]
    public async Task A_probe_refused_again_waits_twice_as_long_up_to_five_minutes()
    {
        await using var host = await CreateHostAsync("refused-token");
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 6; i++)
        {
            await Assert.ThrowsAsync<NeevCloudApiException>(() => host.Client.GetProjectAsync("org-1", "p-1", Ct));
            var error = await Assert.ThrowsAsync<NeevCloudApiException>(() => host.Client.GetProjectAsync("org-1", "p-1", Ct));
            waits.Add(error.RetryAfter!.Value);
            _time.Advance(error.RetryAfter.Value);
        }

        Assert.Equal([30, 60, 120, 240, 300, 300], waits.Select(w => (int)w.TotalSeconds));
    }

    [Fact]
    public async Task A_rotated_token_is_tried_at_once_and_closes_the_breaker()
    {
        await using var host = await CreateHostAsync("refused-token");
        await Assert.ThrowsAsync<NeevCloudApiException>(() => host.Client.GetProjectAsync("org-1", "p-1", Ct));

        await File.WriteAllTextAsync(_directory.File("token"), "good-token", Ct);
        var project = await host.Client.GetProjectAsync("org-1", "p-1", Ct);
        await host.Client.GetProjectAsync("org-1", "p-1", Ct);

        Assert.Equal("research", project.Name);
    }

    public void Dispose()
    {
        _api.Dispose();
        _directory.Dispose();
    }

    private async Task<CloudClientHost> CreateHostAsync(string token)
    {
        var tokenFile = _directory.File("token");
        await File.WriteAllTextAsync(tokenFile, token, Ct);
        return CloudClientHost.Create(
            new Dictionary<string, string?>
            {
                ["NeevCloud:TenantUrl"] = "http://neevcloud.test/tenant",
                ["NeevCloud:VmUrl"] = "http://neevcloud.test/vm",
                ["NeevCloud:OrganizationId"] = "org-1",
                ["NeevCloud:TokenFile"] = tokenFile,
            },
            services =>
            {
                services.AddSingleton<TimeProvider>(_time);
                services.AddHttpClient(NeevCloudHttpClientNames.Tenant).ConfigurePrimaryHttpMessageHandler(() => _api);
            });
    }
}

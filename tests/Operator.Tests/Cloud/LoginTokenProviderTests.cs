using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NeevCloud.Operator.Cloud;

namespace NeevCloud.Operator.Tests.Cloud;

/// <summary>Credentials by login (NeevCloud:Email + NeevCloud:PasswordFile) against a stub that can reject tokens.</summary>
public sealed class LoginTokenProviderTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly StubLoginApi _api = new();
    private readonly FakeTimeProvider _time = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Logs_in_once_and_reuses_the_token()
    {
        await using var host = await CreateHostAsync();

        for (var i = 0; i < 3; i++)
        {
            await host.Client.GetProjectAsync("org-1", "p-1", Ct);
        }

        Assert.Equal(1, _api.Logins);
        Assert.Equal(3, _api.ProjectCalls);
    }

    [Fact]
    public async Task A_rejected_token_is_replaced_by_one_new_login_and_the_call_succeeds()
    {
        _api.AcceptedToken = "tok-2";
        await using var host = await CreateHostAsync();

        var project = await host.Client.GetProjectAsync("org-1", "p-1", Ct);

        Assert.Equal("research", project.Name);
        Assert.Equal(2, _api.Logins);
        Assert.Equal(2, _api.ProjectCalls);
    }

    [Fact]
    public async Task A_token_rejected_again_after_the_new_login_reaches_the_caller_as_Unauthorized()
    {
        _api.AcceptedToken = "never";
        await using var host = await CreateHostAsync();

        var error = await Assert.ThrowsAsync<NeevCloudApiException>(() => host.Client.GetProjectAsync("org-1", "p-1", Ct));

        Assert.Equal(CloudErrorKind.Unauthorized, error.Kind);
        Assert.Equal(2, _api.Logins);
        Assert.Equal(2, _api.ProjectCalls);
    }

    [Fact]
    public async Task Concurrent_calls_rejected_together_share_one_new_login()
    {
        _api.AcceptedToken = "tok-2";
        await using var host = await CreateHostAsync();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => host.Client.GetProjectAsync("org-1", "p-1", Ct)));

        Assert.Equal(2, _api.Logins);
    }

    [Fact]
    public async Task A_token_is_renewed_before_its_announced_expiry_with_the_password_file_read_again()
    {
        _api.ExpiresInSeconds = 600;
        await using var host = await CreateHostAsync();
        await host.Client.GetProjectAsync("org-1", "p-1", Ct);
        await File.WriteAllTextAsync(_directory.File("password"), "rotated password", Ct);
        _api.AcceptedToken = "tok-2";

        _time.Advance(TimeSpan.FromMinutes(10));
        await host.Client.GetProjectAsync("org-1", "p-1", Ct);

        Assert.Equal(2, _api.Logins);
        Assert.Contains("rotated password", _api.PasswordsSeen);
    }

    [Fact]
    public async Task Wrong_credentials_are_Unauthorized_and_the_password_is_not_in_the_error()
    {
        await using var host = await CreateHostAsync(email: "intruder@example.com");

        var error = await Assert.ThrowsAsync<NeevCloudApiException>(() => host.Client.GetProjectAsync("org-1", "p-1", Ct));

        Assert.Equal(CloudErrorKind.Unauthorized, error.Kind);
        Assert.Equal("login", error.Operation);
        Assert.Equal("invalid_credentials", error.Code);
        Assert.DoesNotContain(StubLoginApi.Password, error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, _api.ProjectCalls);
    }

    public void Dispose()
    {
        _api.Dispose();
        _directory.Dispose();
    }

    private async Task<CloudClientHost> CreateHostAsync(string email = StubLoginApi.Email)
    {
        var passwordFile = _directory.File("password");
        await File.WriteAllTextAsync(passwordFile, StubLoginApi.Password + "\n", Ct);
        return CloudClientHost.Create(
            new Dictionary<string, string?>
            {
                ["NeevCloud:TenantUrl"] = "http://neevcloud.test/tenant",
                ["NeevCloud:VmUrl"] = "http://neevcloud.test/vm",
                ["NeevCloud:OrganizationId"] = "org-1",
                ["NeevCloud:Email"] = email,
                ["NeevCloud:PasswordFile"] = passwordFile,
            },
            services =>
            {
                services.AddSingleton<TimeProvider>(_time);
                foreach (var name in new[] { NeevCloudHttpClientNames.Login, NeevCloudHttpClientNames.Tenant })
                {
                    services.AddHttpClient(name).ConfigurePrimaryHttpMessageHandler(() => _api);
                }
            });
    }
}

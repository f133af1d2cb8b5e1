using NeevCloud.Simulator.Tests.Infrastructure;

namespace NeevCloud.Simulator.Tests;

/// <summary>The bearer token on every operation, and login as the vendor documents it.</summary>
public sealed class AuthTests
{
    public static TheoryData<string, string, string> ProtectedOperations => Operations.Protected();

    [Theory]
    [MemberData(nameof(ProtectedOperations))]
    public async Task Every_operation_without_a_token_is_401_and_counted(string operation, string method, string path)
    {
        await using var sim = await TestSimulator.StartAsync();

        var response = await sim.Anonymous.SendAsync(new HttpMethod(method), path, method is "POST" or "PATCH" ? "{}" : null);

        Assert.Equal(401, response.Code);
        Assert.Equal("unauthorized", response.ErrorCode);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, (await sim.Admin.GetCallsAsync(Test.Ct)).CountOf(operation, 401));
    }

    [Theory]
    [InlineData("Bearer wrong-token")]
    [InlineData("Bearer ")]
    [InlineData("Basic bmVldjpzaW0=")]
    [InlineData("neevcloud-simulator-dev-token")]
    public async Task A_wrong_token_or_scheme_is_401_and_the_message_does_not_echo_it(string header)
    {
        await using var sim = await TestSimulator.StartAsync();
        using var http = new HttpClient { BaseAddress = sim.Host.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, ApiClient.Projects());
        request.Headers.TryAddWithoutValidation("Authorization", header);

        using var response = await http.SendAsync(request, Test.Ct);
        var body = await response.Content.ReadAsStringAsync(Test.Ct);

        Assert.Equal(401, (int)response.StatusCode);
        Assert.DoesNotContain("wrong-token", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bearer_scheme_is_case_insensitive()
    {
        await using var sim = await TestSimulator.StartAsync();
        using var http = new HttpClient { BaseAddress = sim.Host.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, ApiClient.Projects());
        request.Headers.TryAddWithoutValidation("Authorization", "bearer " + sim.Host.Token);

        using var response = await http.SendAsync(request, Test.Ct);

        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task Login_with_the_configured_credentials_returns_the_accepted_token()
    {
        await using var sim = await TestSimulator.StartAsync();

        var login = await sim.Anonymous.PostAsync("tenant/api/v1/auth/login", new { email = SimulatorDefaults.Email, password = SimulatorDefaults.Password });

        Assert.Equal(200, login.Code);
        Assert.Equal(SimulatorDefaults.Token, login.Field("access_token"));
        Assert.Equal(sim.Host.Token, login.Field("access_token"));
        Assert.Equal(1, (await sim.Admin.GetCallsAsync(Test.Ct)).CountOf("login", 200));
    }

    [Fact]
    public async Task A_configured_token_and_credentials_replace_the_defaults()
    {
        await using var sim = await TestSimulator.StartAsync(o =>
        {
            o.Token = "tok-custom-123";
            o.Email = "ops@example.com";
            o.Password = "s3cret";
        });

        var login = await sim.Anonymous.PostAsync("tenant/api/v1/auth/login", new { email = "OPS@example.com", password = "s3cret" });
        using var defaultToken = new ApiClient(sim.Host, SimulatorDefaults.Token);
        var withDefault = await defaultToken.GetAsync(ApiClient.Projects());

        Assert.Equal("tok-custom-123", sim.Host.Token);
        Assert.Equal("tok-custom-123", login.Field("access_token"));
        Assert.Equal(401, withDefault.Code);
        Assert.Equal(200, (await sim.Api.GetAsync(ApiClient.Projects())).Code);
    }

    [Theory]
    [InlineData("""{"email":"developer@neevcloud.local"}""", 400)]
    [InlineData("""{"password":"simulator"}""", 400)]
    [InlineData("""{"email":"","password":"simulator"}""", 400)]
    [InlineData("""not json""", 400)]
    [InlineData("""{"email":"nobody@neevcloud.local","password":"simulator"}""", 404)]
    [InlineData("""{"email":"developer@neevcloud.local","password":"wrong"}""", 401)]
    public async Task Login_failures_answer_as_documented(string body, int expected)
    {
        await using var sim = await TestSimulator.StartAsync();

        var login = await sim.Anonymous.PostAsync("tenant/api/v1/auth/login", body);

        Assert.Equal(expected, login.Code);
        Assert.False(string.IsNullOrEmpty(login.ErrorMessage));
    }

    [Fact]
    public async Task The_admin_api_needs_no_token()
    {
        await using var sim = await TestSimulator.StartAsync();
        using var admin = new SimulatorAdminClient(sim.Host.BaseAddress);

        var catalog = await admin.GetCatalogAsync(Test.Ct);

        Assert.Equal(SimulatorDefaults.Organizations, catalog.Organizations);
    }
}

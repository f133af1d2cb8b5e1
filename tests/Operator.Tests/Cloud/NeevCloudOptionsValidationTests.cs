using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NeevCloud.Operator.Cloud;

namespace NeevCloud.Operator.Tests.Cloud;

public sealed class NeevCloudOptionsValidationTests
{
    private const string SecretToken = "tok-validation-secret";

    [Fact]
    public void Minimal_settings_are_valid_and_default_to_the_public_gateway()
    {
        var options = Resolve(string.Empty);

        Assert.Equal(new Uri("https://api.ai.neevcloud.com/tenant"), options.TenantUrl);
        Assert.Equal(new Uri("https://api.ai.neevcloud.com/vm"), options.VmUrl);
    }

    [Theory]
    // Changes to valid settings ("key=value|key=value"; an empty value unsets), and what the error must say.
    [InlineData("NeevCloud:OrganizationId=", "NeevCloud:OrganizationId is required")]
    [InlineData("NeevCloud:Token=", "credentials are missing")]
    [InlineData("NeevCloud:TokenFile=/var/run/secrets/neevcloud/token", "credentials are ambiguous")]
    [InlineData("NeevCloud:Email=ops@example.com", "credentials are ambiguous")]
    [InlineData("NeevCloud:Token=|NeevCloud:Email=ops@example.com", "NeevCloud:Email and NeevCloud:PasswordFile go together")]
    [InlineData("NeevCloud:Token=|NeevCloud:TokenFile=/nonexistent/token", "NeevCloud:TokenFile '/nonexistent/token' does not exist")]
    [InlineData("NeevCloud:TenantUrl=tenant", "NeevCloud:TenantUrl must be an absolute http(s) URL")]
    [InlineData("NeevCloud:VmUrl=ftp://api.example.com/vm", "NeevCloud:VmUrl must be an absolute http(s) URL")]
    [InlineData("NeevCloud:Timeouts:Attempt=00:02:00", "NeevCloud:Timeouts:Attempt (00:02:00) must not exceed")]
    [InlineData("NeevCloud:Timeouts:Total=00:00:00.001", "NeevCloud:Timeouts:Total must be between")]
    [InlineData("NeevCloud:Retry:MaxRetryAttempts=11", "NeevCloud:Retry:MaxRetryAttempts must be between 0 and 10")]
    [InlineData("NeevCloud:Retry:BaseDelay=00:01:00", "NeevCloud:Retry:BaseDelay must be between")]
    [InlineData("NeevCloud:RateLimit:RequestsPerSecond=0", "NeevCloud:RateLimit:RequestsPerSecond must be positive")]
    [InlineData("NeevCloud:RateLimit:Burst=0", "NeevCloud:RateLimit:Burst must be at least 1")]
    public void Invalid_settings_fail_with_a_message_naming_the_setting(string changes, string expected)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(changes));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretToken, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_host_refuses_to_start_with_invalid_settings()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["NeevCloud:Token"] = SecretToken });
        builder.Services.AddNeevCloudClient(builder.Configuration);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("NeevCloud:OrganizationId is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_setting_is_an_error_rather_than_silently_ignored()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Resolve("NeevCloud:TokenFlie=/var/run/secrets/token"));

        Assert.Contains("TokenFlie", error.Message, StringComparison.Ordinal);
    }

    private static NeevCloudOptions Resolve(string changes)
    {
        var settings = new Dictionary<string, string?>
        {
            ["NeevCloud:OrganizationId"] = "org-1",
            ["NeevCloud:Token"] = SecretToken,
        };
        foreach (var change in changes.Split('|', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = (change[..change.IndexOf('=', StringComparison.Ordinal)], change[(change.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            settings[key] = value.Length == 0 ? null : value;
        }

        using var host = CloudClientHost.Create(settings);
        return host.Services.GetRequiredService<IOptions<NeevCloudOptions>>().Value;
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NeevCloud.Operator.Cloud;
using NeevCloud.Operator.Hosting;

namespace NeevCloud.Operator.Export;

/// <summary>
/// <c>neev-operator export --organization &lt;org&gt; [--project &lt;id&gt;] [--namespace &lt;ns&gt;]</c> (also
/// <c>kubectl neev export</c>): prints the account as ObserveOnly resources (see <see cref="AccountExport"/>).
/// It reads the operator's own configuration — appsettings.json, environment (NeevCloud__TokenFile, …) and
/// --NeevCloud:… switches — so the same URLs and credentials apply.
/// </summary>
public static class ExportCommand
{
    private const string Usage =
        "usage: export --organization <org> [--project <id>] [--namespace <ns>] [--NeevCloud:TokenFile=<file>] [--NeevCloud:TenantUrl=<url>] [--NeevCloud:VmUrl=<url>]";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors, CancellationToken cancellationToken = default)
    {
        if (CommandSwitches.Parse(args, settingsPrefix: "--NeevCloud:", ["--organization"], ["--project"], ["--namespace", "-n"]) is not { } switches)
        {
            await errors.WriteLineAsync(Usage);
            return 2;
        }

        var (organization, project, ns) = (switches["--organization"], switches["--project"], switches["--namespace"]);
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine([.. switches.Settings])
            .Build();
        organization ??= configuration["NeevCloud:OrganizationId"];
        if (string.IsNullOrEmpty(organization))
        {
            await errors.WriteLineAsync("--organization is required (or NeevCloud:OrganizationId)");
            await errors.WriteLineAsync(Usage);
            return 2;
        }

        configuration["NeevCloud:OrganizationId"] ??= organization;
        var services = new ServiceCollection().AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning)).AddNeevCloudClient(configuration);
        await using var provider = services.BuildServiceProvider();
        try
        {
            var export = new AccountExport(provider.GetRequiredService<INeevCloudClient>());
            var resources = await export.ResourcesAsync(organization, project, ns, cancellationToken);
            await output.WriteAsync(AccountExport.ToYaml(resources, organization));
            return 0;
        }
        catch (NeevCloudApiException ex)
        {
            await errors.WriteLineAsync($"export failed: {ex.Message}");
            return 1;
        }
    }
}

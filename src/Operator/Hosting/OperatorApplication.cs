using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NeevCloud.Operator.Runtime;
using Prometheus;
using Serilog;
using Serilog.Formatting.Compact;

namespace NeevCloud.Operator.Hosting;

/// <summary>
/// Builds the operator process: configuration (appsettings, environment, command line),
/// Serilog, the controller runtime and the HTTP endpoints /healthz, /readyz and /metrics.
/// Program and the in-process tests use the same builder.
/// </summary>
public static class OperatorApplication
{
    /// <summary>Command-line switches in the spelling Go operators use.</summary>
    private static readonly Dictionary<string, string> Switches = new()
    {
        ["--leader-elect"] = "Operator:LeaderElection:Enabled",
        ["--kubeconfig"] = "Operator:Kubeconfig",
        ["--watch-namespace"] = "Operator:WatchNamespace",
        ["--log-format"] = "Operator:LogFormat",
    };

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddCommandLine(args, Switches);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls("http://0.0.0.0:8080");
        }

        builder.Services.AddSerilog((_, logging) => ConfigureLogging(logging, builder.Configuration));
        builder.Services.AddControllerRuntime(builder.Configuration);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", (ControllerManager manager) =>
            manager.IsSynced ? Results.Text("ok") : Results.Text("caches not synced", statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapMetrics("/metrics");
        return app;
    }

    /// <summary>Human-readable console logs by default; compact JSON with Operator:LogFormat=json.</summary>
    public static LoggerConfiguration ConfigureLogging(LoggerConfiguration logging, IConfiguration configuration)
    {
        logging.ReadFrom.Configuration(configuration).Enrich.FromLogContext();
        return string.Equals(configuration["Operator:LogFormat"], "json", StringComparison.OrdinalIgnoreCase)
            ? logging.WriteTo.Console(new CompactJsonFormatter())
            : logging.WriteTo.Console(outputTemplate: "{Timestamp:HH:mm:ss} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}");
    }
}

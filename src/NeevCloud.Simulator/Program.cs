using NeevCloud.Simulator;
using NeevCloud.Simulator.Hosting;

// Standalone: `dotnet run --project src/NeevCloud.Simulator -- --urls http://127.0.0.1:8080`.
// Settings come from the "Simulator" configuration section (appsettings, environment
// variables such as Simulator__StepDuration, or --Simulator:StepDuration=00:00:01).
// --settings FILE adds a JSON file of settings (e.g. hack/local/simulator.json); the command line still wins.
var builder = WebApplication.CreateBuilder(args);
if (builder.Configuration["settings"] is { Length: > 0 } settingsFile)
{
    builder.Configuration.AddJsonFile(Path.GetFullPath(settingsFile), optional: false).AddCommandLine(args);
}

// A log line per request would slow benchmarks down: quiet unless Logging:LogLevel:Microsoft.AspNetCore says otherwise.
if (builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore"] is null)
{
    builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
}

var options = builder.Configuration.GetSection(SimulatorOptions.SectionName).Get<SimulatorOptions>() ?? new SimulatorOptions();
var app = SimulatorApplication.Build(builder, options, TimeProvider.System, announce: true);
await app.RunAsync();

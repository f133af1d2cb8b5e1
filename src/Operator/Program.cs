using Microsoft.Extensions.Hosting;
using Serilog;

if (args.Length > 0 && args[0] == "generate-crds") return await NeevCloud.Operator.CrdGeneration.GenerateCrdsCommand.RunAsync(args[1..]);

Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateLogger();
try
{
    var builder = Host.CreateApplicationBuilder(args);
    builder.Services.AddSerilog();
    using var host = builder.Build();
    await host.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is not OperationCanceledException)
{
    Log.Fatal(ex, "The operator stopped unexpectedly");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

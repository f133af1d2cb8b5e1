using NeevCloud.Operator.Controllers;
using NeevCloud.Operator.CrdGeneration;
using NeevCloud.Operator.Export;
using NeevCloud.Operator.Hosting;
using NeevCloud.Operator.Planning;
using Serilog;

if (args.Length > 0 && args[0] == "generate-crds")
{
    return await GenerateCrdsCommand.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "plan")
{
    return await PlanCommand.RunAsync(args[1..], Console.Out, Console.Error);
}

if (args.Length > 0 && args[0] == "export")
{
    return await ExportCommand.RunAsync(args[1..], Console.Out, Console.Error);
}

Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateBootstrapLogger();
try
{
    await using var app = OperatorApplication.Build(args, builder => builder.Services.AddNeevCloudControllers(builder.Configuration));
    await app.RunAsync();
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

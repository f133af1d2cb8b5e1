using NeevCloud.Simulator.Admin;
using NeevCloud.Simulator.Calls;
using NeevCloud.Simulator.Configuration;
using NeevCloud.Simulator.Contracts;
using NeevCloud.Simulator.Domain;
using NeevCloud.Simulator.Endpoints;
using NeevCloud.Simulator.Faults;
using NeevCloud.Simulator.Json;
using NeevCloud.Simulator.Pipeline;

namespace NeevCloud.Simulator.Hosting;

/// <summary>Wires the simulator into a web application: the one code path of the standalone run and of <see cref="SimulatorHost"/>.</summary>
internal static class SimulatorApplication
{
    public const string TenantPrefix = "/tenant";
    public const string VmPrefix = "/vm";

    public static WebApplication Build(WebApplicationBuilder builder, SimulatorOptions options, TimeProvider time, bool announce)
    {
        SimulatorOptionsValidator.ThrowIfInvalid(options);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(Catalog.From(options.Catalog));
        builder.Services.AddSingleton<CloudState>();
        builder.Services.AddSingleton<FaultInjector>();
        builder.Services.AddSingleton<CallCounter>();
        builder.Services.AddSingleton<BearerToken>();
        builder.Services.ConfigureHttpJsonOptions(json => SimulatorJson.Configure(json.SerializerOptions));

        var app = builder.Build();
        // A fresh state is an empty one plus the configured fixtures, exactly what a reset gives.
        app.Services.GetRequiredService<CloudState>().Reset();
        app.UseRouting();
        app.UseMiddleware<OperationMiddleware>();

        var tenant = app.MapGroup(TenantPrefix + "/api/v1");
        AuthEndpoints.Map(tenant);
        ProjectEndpoints.Map(tenant);
        var vm = app.MapGroup(VmPrefix + "/api/v1");
        VmEndpoints.Map(vm);
        RootDiskEndpoints.Map(vm);
        AdminEndpoints.Map(app);
        app.MapFallback((HttpRequest request) => ApiResults.Json(
            new ErrorResponse(ErrorCodes.NotFound, $"No operation at {request.Method} {request.Path}."), StatusCodes.Status404NotFound));

        if (announce)
        {
            StartupBanner.PrintWhenStarted(app, options);
        }

        return app;
    }
}

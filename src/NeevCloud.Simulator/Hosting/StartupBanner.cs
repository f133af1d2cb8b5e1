using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace NeevCloud.Simulator.Hosting;

/// <summary>What a person starting the simulator needs to point a client at it (the token is a development value).</summary>
internal static class StartupBanner
{
    public static void PrintWhenStarted(WebApplication app, SimulatorOptions options) =>
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var root = (addresses.FirstOrDefault() ?? "http://127.0.0.1:5000").TrimEnd('/');
            Console.WriteLine($"""
                NeevCloud simulator listening on {string.Join(", ", addresses)}
                  Tenant API base URL : {root}{SimulatorApplication.TenantPrefix}
                  VM Service base URL : {root}{SimulatorApplication.VmPrefix}
                  Bearer token        : {options.EffectiveToken}{(string.IsNullOrWhiteSpace(options.Token) ? " (development default)" : string.Empty)}
                  Login               : POST {root}{SimulatorApplication.TenantPrefix}/api/v1/auth/login with {options.Email} / {options.Password}
                  Step duration       : {options.StepDuration}; deleted VMs kept {options.DeletedVmRetention}
                  Admin API           : {root}/_sim (catalog, calls, state, faults, reset)
                """);
        });
}

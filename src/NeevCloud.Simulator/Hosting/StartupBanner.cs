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
                  Bearer token        : {TokenLine(options)}
                  Login               : POST {root}{SimulatorApplication.TenantPrefix}/api/v1/auth/login with {options.Email} / {PasswordText(options)}
                  Step duration       : {options.StepDuration}; deleted VMs kept {options.DeletedVmRetention}
                  Admin API           : {root}/_sim (catalog, calls, state, faults, reset)
                """);
        });

    // A configured token is a secret of whoever started the simulator (hack/run-local.sh hands it to the
    // operator as a file): printing it would put it in every captured log. Only the public defaults are shown.
    private static string TokenLine(SimulatorOptions options) =>
        string.IsNullOrWhiteSpace(options.Token)
            ? $"{options.EffectiveToken} (development default)"
            : "(from Simulator:Token; not printed)";

    private static string PasswordText(SimulatorOptions options) =>
        options.Password == SimulatorDefaults.Password ? options.Password : "(from Simulator:Password; not printed)";
}

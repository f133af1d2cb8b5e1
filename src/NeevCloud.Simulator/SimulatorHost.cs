using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using NeevCloud.Simulator.Hosting;

namespace NeevCloud.Simulator;

/// <summary>
/// The simulator in-process, on Kestrel at 127.0.0.1 and a free port, for tests. Pass a FakeTimeProvider to drive
/// the VM and disk lifecycle by hand; with the default system clock states move in real time.
/// </summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimulatorHost(WebApplication app, Uri baseAddress, string token)
    {
        _app = app;
        BaseAddress = baseAddress;
        TenantUrl = new Uri(baseAddress, SimulatorApplication.TenantPrefix.TrimStart('/'));
        VmUrl = new Uri(baseAddress, SimulatorApplication.VmPrefix.TrimStart('/'));
        Token = token;
        Admin = new SimulatorAdminClient(baseAddress);
    }

    /// <summary>The root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The Tenant API's base URL (no trailing slash), as a client is configured with it.</summary>
    public Uri TenantUrl { get; }

    /// <summary>The VM Service's base URL (no trailing slash).</summary>
    public Uri VmUrl { get; }

    /// <summary>The bearer token the APIs accept.</summary>
    public string Token { get; }

    /// <summary>A client of the <c>/_sim</c> admin API.</summary>
    public SimulatorAdminClient Admin { get; }

    public static async Task<SimulatorHost> StartAsync(
        SimulatorOptions? options = null, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        options ??= new SimulatorOptions();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SimulatorHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();

        // A test that leaves a slow (latency-injected) request behind should not hold its dispose for long.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = SimulatorApplication.Build(builder, options, timeProvider ?? TimeProvider.System, announce: false);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SimulatorHost(app, new Uri(address.TrimEnd('/') + "/"), options.EffectiveToken);
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

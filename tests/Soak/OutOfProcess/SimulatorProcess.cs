using Integration.Tests.Infrastructure;
using NeevCloud.Simulator;

namespace Soak.Tests.OutOfProcess;

/// <summary>
/// The NeevCloud simulator as its own process (dotnet NeevCloud.Simulator.dll), started the way
/// hack/run-local.sh starts it: on a free loopback port, the token in the environment (never on a
/// command line), its output captured to a log file.
/// </summary>
internal sealed class SimulatorProcess : IAsyncDisposable
{
    private SimulatorProcess(LoggedProcess process, Uri baseAddress, SimulatorAdminClient admin, string organizationId)
    {
        Process = process;
        BaseAddress = baseAddress;
        Admin = admin;
        OrganizationId = organizationId;
    }

    public LoggedProcess Process { get; }

    /// <summary>The simulator's root, e.g. http://127.0.0.1:PORT/.</summary>
    public Uri BaseAddress { get; }

    public string TenantUrl => $"{BaseAddress}tenant";

    public string VmUrl => $"{BaseAddress}vm";

    public SimulatorAdminClient Admin { get; }

    /// <summary>The first organization of the catalog, the operator's default.</summary>
    public string OrganizationId { get; }

    /// <param name="token">The one bearer token it accepts.</param>
    /// <param name="logPath">Where its stdout and stderr go.</param>
    /// <param name="settings">More command-line settings, e.g. --Simulator:StepDuration=00:00:01.</param>
    /// <param name="cancellationToken">Stops waiting for it to answer.</param>
    public static async Task<SimulatorProcess> StartAsync(
        string token, string logPath, IEnumerable<string> settings, CancellationToken cancellationToken)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var process = LoggedProcess.Start(
            "dotnet",
            [BuiltAssemblies.Simulator, "--urls", baseAddress.AbsoluteUri.TrimEnd('/'), .. settings],
            logPath,
            new Dictionary<string, string> { ["Simulator__Token"] = token });
        var admin = new SimulatorAdminClient(baseAddress);
        SimulatorCatalog? catalog = null;
        try
        {
            await Eventually.AssertAsync(
                async () =>
                {
                    if (process.HasExited)
                    {
                        throw new InvalidOperationException("the simulator exited");
                    }

                    catalog = await admin.GetCatalogAsync(cancellationToken);
                },
                TimeSpan.FromSeconds(60),
                cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            admin.Dispose();
            await process.DisposeAsync();
            throw new InvalidOperationException($"the simulator did not start ({ex.Message}); its log:\n{process.Tail()}", ex);
        }

        return new SimulatorProcess(process, baseAddress, admin, catalog!.Organizations[0]);
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Process.StopAsync(TimeSpan.FromSeconds(10));
        await Process.DisposeAsync();
    }
}

using Integration.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using NeevCloud.Operator.Controllers;
using NeevCloud.Operator.Hosting;

namespace Integration.Tests.EndToEnd;

/// <summary>
/// The operator as Program builds it (all NeevCloud controllers), in-process, watching one
/// namespace and talking to the simulator, with refresh intervals shortened for tests.
/// </summary>
internal sealed class OperatorUnderTest : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _stopped;

    private OperatorUnderTest(WebApplication app) => _app = app;

    public static Task<OperatorUnderTest> StartAsync(
        KubernetesFixture cluster, CloudSimulator cloud, string ns, CancellationToken ct, IReadOnlyList<string>? extraArgs = null) =>
        StartAsync(cluster.KubeconfigPath, cloud, ct, ["--watch-namespace", ns, "--leader-elect=false", .. extraArgs ?? []]);

    /// <summary>The operator with any kubeconfig (e.g. its own identity); <paramref name="args"/> come last and win.</summary>
    public static async Task<OperatorUnderTest> StartAsync(string kubeconfig, CloudSimulator cloud, CancellationToken ct, IReadOnlyList<string> args)
    {
        var app = OperatorApplication.Build(
            [
                "--urls", "http://127.0.0.1:0",
                "--kubeconfig", kubeconfig,
                $"--NeevCloud:TenantUrl={cloud.Host.TenantUrl}",
                $"--NeevCloud:VmUrl={cloud.Host.VmUrl}",
                $"--NeevCloud:Token={cloud.Host.Token}",
                $"--NeevCloud:OrganizationId={cloud.OrganizationId}",
                "--NeevCloud:Retry:BaseDelay=00:00:00.050",
                "--Operator:Refresh:Stable=00:00:01",
                "--Operator:Refresh:Blocked=00:00:00.300",
                .. args,
            ],
            builder => builder.Services.AddNeevCloudControllers(builder.Configuration));
        await app.StartAsync(ct);
        return new OperatorUnderTest(app);
    }

    /// <summary>Stops the operator as a crash would leave things: no clean-up of the cloud or the cluster.</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _app.StopAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
    }
}

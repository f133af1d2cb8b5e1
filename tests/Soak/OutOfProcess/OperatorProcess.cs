using System.Net;
using Integration.Tests.Infrastructure;

namespace Soak.Tests.OutOfProcess;

/// <summary>
/// The operator as its own process (dotnet neev-operator.dll), with the arguments hack/run-local.sh
/// gives it: its own port for /healthz, /readyz and /metrics, a kubeconfig, no leader election, the
/// simulator's URLs and organization, and the token as a file (the way a mounted Secret arrives).
/// </summary>
internal sealed class OperatorProcess : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private OperatorProcess(LoggedProcess process, Uri baseAddress)
    {
        Process = process;
        BaseAddress = baseAddress;
    }

    public LoggedProcess Process { get; }

    public Uri BaseAddress { get; }

    /// <param name="kubeconfig">The cluster's kubeconfig.</param>
    /// <param name="cloud">The simulator it talks to.</param>
    /// <param name="tokenFile">A file holding the simulator's token.</param>
    /// <param name="logPath">Where its stdout and stderr go.</param>
    /// <param name="extraArgs">More switches, e.g. --Operator:Refresh:Stable=00:00:30.</param>
    public static OperatorProcess Start(
        string kubeconfig, SimulatorProcess cloud, string tokenFile, string logPath, IEnumerable<string> extraArgs)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var process = LoggedProcess.Start(
            "dotnet",
            [
                BuiltAssemblies.Operator,
                "--urls", baseAddress.AbsoluteUri.TrimEnd('/'),
                "--kubeconfig", kubeconfig,
                "--leader-elect=false",
                $"--NeevCloud:TenantUrl={cloud.TenantUrl}",
                $"--NeevCloud:VmUrl={cloud.VmUrl}",
                $"--NeevCloud:OrganizationId={cloud.OrganizationId}",
                $"--NeevCloud:TokenFile={tokenFile}",
                .. extraArgs,
            ],
            logPath);
        return new OperatorProcess(process, baseAddress);
    }

    /// <summary>Whether /readyz answers 200: every watch cache has listed its objects.</summary>
    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Http.GetAsync(new Uri(BaseAddress, "readyz"), cancellationToken);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await Eventually.AssertAsync(
                async () =>
                {
                    if (Process.HasExited || !await IsReadyAsync(cancellationToken))
                    {
                        throw new InvalidOperationException(Process.HasExited ? "the operator exited" : "/readyz is not 200 yet");
                    }
                },
                timeout,
                cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new InvalidOperationException($"the operator did not become ready ({ex.Message}); its log:\n{Process.Tail()}", ex);
        }
    }

    /// <summary>The Prometheus text of /metrics.</summary>
    public Task<string> MetricsAsync(CancellationToken cancellationToken) =>
        Http.GetStringAsync(new Uri(BaseAddress, "metrics"), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Process.StopAsync(TimeSpan.FromSeconds(15));
        await Process.DisposeAsync();
    }
}

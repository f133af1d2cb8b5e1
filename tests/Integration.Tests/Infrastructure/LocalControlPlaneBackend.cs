namespace Integration.Tests.Infrastructure;

/// <summary>
/// The project's own control plane (hack/control-plane.sh): etcd plus the apiextensions API
/// server built from Debian packages. Tests use an instance of their own, so they never touch
/// the one a developer runs for the local demo.
/// </summary>
internal sealed class LocalControlPlaneBackend : IClusterBackend
{
    private const string InstanceName = "tests";
    private readonly bool _startedHere;

    private LocalControlPlaneBackend(string kubeconfigPath, bool startedHere)
    {
        KubeconfigPath = kubeconfigPath;
        _startedHere = startedHere;
    }

    public string Description => $"local control plane (hack/control-plane.sh, instance '{InstanceName}')";

    public string KubeconfigPath { get; }

    public bool ServesNamespaces => false;

    public static async Task<LocalControlPlaneBackend> StartAsync(CancellationToken cancellationToken)
    {
        var status = await RunScriptAsync("status", cancellationToken);
        var up = await RunScriptAsync("up", cancellationToken);
        if (up.ExitCode != 0)
        {
            throw new InvalidOperationException($"hack/control-plane.sh up failed:\n{up}");
        }

        const string prefix = "export KUBECONFIG=";
        var exportLine = up.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .LastOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"hack/control-plane.sh up printed no export line:\n{up}");
        return new LocalControlPlaneBackend(exportLine[prefix.Length..].Trim(), startedHere: status.ExitCode != 0);
    }

    public async ValueTask DisposeAsync()
    {
        // A control plane that was already up belongs to whoever started it.
        if (_startedHere && Environment.GetEnvironmentVariable("NEEV_TEST_KEEP_CONTROL_PLANE") != "1")
        {
            await RunScriptAsync("down", CancellationToken.None);
        }
    }

    private static Task<ProcessResult> RunScriptAsync(string command, CancellationToken cancellationToken) =>
        ProcessRunner.RunAsync(
            RepositoryPaths.Combine("hack", "control-plane.sh"),
            [command],
            environment: new Dictionary<string, string> { ["NEEV_CP_NAME"] = InstanceName },
            cancellationToken: cancellationToken);
}

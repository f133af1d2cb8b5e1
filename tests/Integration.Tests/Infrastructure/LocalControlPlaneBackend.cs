namespace Integration.Tests.Infrastructure;

/// <summary>
/// The project's own control plane (hack/control-plane.sh): etcd plus the apiextensions API
/// server built from Debian packages. Each test process uses an instance of its own
/// ("tests-&lt;pid&gt;"), so it never touches the one a developer runs for the local demo, nor
/// the one of a test run in another checkout at the same time.
/// </summary>
internal sealed class LocalControlPlaneBackend : IClusterBackend
{
    private const string InstancePrefix = "tests-";

    /// <summary>This process's instance; NEEV_CP_NAME chooses another (e.g. one kept up between runs).</summary>
    public static string TestInstance => InstanceFor("");

    /// <summary>This process's instance for a purpose of its own, e.g. a test that restarts its API server.</summary>
    public static string InstanceFor(string purpose) => purpose.Length == 0
        ? Environment.GetEnvironmentVariable("NEEV_CP_NAME") is { Length: > 0 } name ? name : InstancePrefix + Environment.ProcessId
        : $"{InstancePrefix}{Environment.ProcessId}-{purpose}";

    private readonly string _instance;
    private readonly bool _startedHere;

    private LocalControlPlaneBackend(string instance, string kubeconfigPath, bool startedHere)
    {
        _instance = instance;
        KubeconfigPath = kubeconfigPath;
        _startedHere = startedHere;
    }

    public string Description => $"local control plane (hack/control-plane.sh, instance '{_instance}')";

    public string KubeconfigPath { get; }

    /// <summary>A kubeconfig for the operator's own identity (CN system:serviceaccount:neev-system:neev-operator).</summary>
    public string OperatorKubeconfigPath => Path.Combine(Path.GetDirectoryName(KubeconfigPath)!, "operator.kubeconfig");

    public string AuditLogPath => Path.Combine(Path.GetDirectoryName(KubeconfigPath)!, "audit.log");

    public bool ServesNamespaces => false;

    /// <summary>Starts the instance (or uses it when already up); <paramref name="audit"/> writes an audit log to <see cref="AuditLogPath"/>.</summary>
    public static async Task<LocalControlPlaneBackend> StartAsync(string instance, CancellationToken cancellationToken, bool audit = false)
    {
        await StopAbandonedInstancesAsync(cancellationToken);
        var status = await RunScriptAsync(instance, "status", cancellationToken);
        var up = await RunScriptAsync(instance, "up", cancellationToken, audit ? new Dictionary<string, string> { ["NEEV_CP_AUDIT"] = "1" } : null);
        if (up.ExitCode != 0)
        {
            throw new InvalidOperationException($"hack/control-plane.sh up failed:\n{up}");
        }

        const string prefix = "export KUBECONFIG=";
        var exportLine = up.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .LastOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"hack/control-plane.sh up printed no export line:\n{up}");
        return new LocalControlPlaneBackend(instance, exportLine[prefix.Length..].Trim(), startedHere: status.ExitCode != 0);
    }

    /// <summary>Restarts the API server and keeps etcd: clients see their connections drop.</summary>
    public async Task RestartApiServerAsync(CancellationToken cancellationToken)
    {
        var result = await RunScriptAsync(_instance, "restart-apiserver", cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"hack/control-plane.sh restart-apiserver failed:\n{result}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        // A control plane that was already up belongs to whoever started it.
        if (_startedHere && Environment.GetEnvironmentVariable("NEEV_TEST_KEEP_CONTROL_PLANE") != "1")
        {
            await RunScriptAsync(_instance, "down", CancellationToken.None);
        }
    }

    /// <summary>Instances of test processes that died without stopping theirs (killed runs).</summary>
    private static async Task StopAbandonedInstancesAsync(CancellationToken cancellationToken)
    {
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        var runs = new DirectoryInfo(Path.Combine(cache, "neev-operator", "run"));
        if (!runs.Exists)
        {
            return;
        }

        foreach (var dir in runs.EnumerateDirectories(InstancePrefix + "*"))
        {
            if (int.TryParse(dir.Name[InstancePrefix.Length..].Split('-')[0], out var pid) && !IsAlive(pid))
            {
                await RunScriptAsync(dir.Name, "down", cancellationToken);
            }
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static Task<ProcessResult> RunScriptAsync(
        string instance, string command, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? environment = null) =>
        ProcessRunner.RunAsync(
            RepositoryPaths.Combine("hack", "control-plane.sh"),
            [command],
            environment: new Dictionary<string, string>(environment ?? new Dictionary<string, string>()) { ["NEEV_CP_NAME"] = instance },
            cancellationToken: cancellationToken);
}

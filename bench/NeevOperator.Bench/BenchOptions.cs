using System.Globalization;

namespace NeevOperator.Bench;

/// <summary>The command line of bench/run.sh (see bench/README.md).</summary>
internal sealed record BenchOptions
{
    public IReadOnlyList<BenchCase> Cases { get; init; } = BenchCase.Defaults;

    public int Repeat { get; init; } = 1;

    /// <summary>The simulator's time per lifecycle step; three steps from create to running.</summary>
    public TimeSpan Step { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Operator:Refresh:Stable for the whole run, so that the steady-state window sees several refreshes.</summary>
    public TimeSpan Stable { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long steady-state calls are counted.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>NeevCloud:RateLimit:RequestsPerSecond and Burst; null keeps the operator's defaults (10 and 20).</summary>
    public double? CloudRequestsPerSecond { get; init; }

    public int? CloudBurst { get; init; }

    /// <summary>More switches for every operator process, e.g. --Operator:VirtualMachines:Workers=8.</summary>
    public IReadOnlyList<string> OperatorArgs { get; init; } = [];

    public bool Baseline { get; init; } = true;

    /// <summary>Added to the result file names, to keep runs with different settings apart.</summary>
    public string? Label { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(40);

    public required string Kubeconfig { get; init; }

    /// <summary>The kubeconfig of the operator's own identity, so that the audit log can tell its requests apart.</summary>
    public required string OperatorKubeconfig { get; init; }

    public string? AuditLog { get; init; }

    /// <summary>hack/control-plane.sh's state.env: the API server's and etcd's pids, to account their CPU too.</summary>
    public string? ControlPlaneState { get; init; }

    /// <summary>VMs added to the settled fleet, to measure Ready latency when no flood of creates is going on.</summary>
    public int Added { get; init; } = 50;

    public required string ResultsFolder { get; init; }

    /// <summary>The command as typed, for the report.</summary>
    public required string Command { get; init; }

    public const string Usage = """
        bench/run.sh [--vms N --projects P] [--repeat R] [--step 00:00:02] [--stable 00:00:30] [--window 00:02:00]
                     [--cloud-rps 10 --cloud-burst 20] [--operator-arg --Operator:VirtualMachines:Workers=8 ...]
                     [--add 50] [--no-baseline] [--timeout 00:40:00] [--label NAME]
        Without --vms/--projects: the default runs, 1000 VMs in 10 projects, then 5000 in 50.
        """;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var operatorArgs = new List<string>();
        var baseline = true;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--no-baseline")
            {
                baseline = false;
                continue;
            }

            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"unexpected or incomplete argument '{name}'\n{Usage}");
            }

            var value = args[++i];
            if (name == "--operator-arg")
            {
                operatorArgs.Add(value);
            }
            else
            {
                values[name] = value;
            }
        }

        string? Text(string name) => values.Remove(name, out var value) ? value : null;
        T? Parsed<T>(string name)
            where T : struct, IParsable<T> => Text(name) is { } value ? T.Parse(value, CultureInfo.InvariantCulture) : null;

        var vms = Parsed<int>("--vms");
        var projects = Parsed<int>("--projects");
        var defaults = new BenchOptions { Kubeconfig = "", OperatorKubeconfig = "", ResultsFolder = "", Command = "" };
        var options = new BenchOptions
        {
            Cases = vms is int n && projects is int p ? [new BenchCase(n, p)] : BenchCase.Defaults,
            Repeat = Parsed<int>("--repeat") ?? defaults.Repeat,
            Step = Parsed<TimeSpan>("--step") ?? defaults.Step,
            Stable = Parsed<TimeSpan>("--stable") ?? defaults.Stable,
            Window = Parsed<TimeSpan>("--window") ?? defaults.Window,
            CloudRequestsPerSecond = Parsed<double>("--cloud-rps"),
            CloudBurst = Parsed<int>("--cloud-burst"),
            OperatorArgs = operatorArgs,
            Baseline = baseline,
            Label = Text("--label"),
            Timeout = Parsed<TimeSpan>("--timeout") ?? defaults.Timeout,
            Kubeconfig = Text("--kubeconfig") ?? "",
            OperatorKubeconfig = Text("--operator-kubeconfig") ?? "",
            AuditLog = Text("--audit-log"),
            ControlPlaneState = Text("--control-plane-state"),
            Added = Parsed<int>("--add") ?? defaults.Added,
            ResultsFolder = Text("--results") ?? "",
            Command = Text("--command") ?? "bench/run.sh",
        };
        if (values.Count > 0)
        {
            throw new ArgumentException($"unknown argument {values.Keys.First()}\n{Usage}");
        }

        if ((vms is null) != (projects is null) || vms < projects || projects < 1 || options.Repeat < 1)
        {
            throw new ArgumentException($"give --vms and --projects together, with at least one VM per project, and --repeat 1 or more\n{Usage}");
        }

        if (options.Kubeconfig.Length == 0 || options.OperatorKubeconfig.Length == 0 || options.ResultsFolder.Length == 0)
        {
            throw new ArgumentException("--kubeconfig, --operator-kubeconfig and --results are required (bench/run.sh passes them)");
        }

        return options;
    }
}

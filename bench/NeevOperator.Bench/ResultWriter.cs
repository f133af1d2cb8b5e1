using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NeevOperator.Bench;

/// <summary>Writes a case's results as Markdown (to read) and JSON (to compare), under bench/results/.</summary>
internal static class ResultWriter
{
    private static readonly Metric[] Metrics =
    [
        new("objects created in the API server (s)", "", r => r.CreateSeconds),
        new("first create → all VMs Ready (s)", "", r => r.AllReadySeconds),
        new("Ready after the cloud's `running`, p50 (s)", "", r => r.ReadyAfterRunning?.P50, "0.00"),
        new("Ready after the cloud's `running`, p95 (s)", "≤ 2", r => r.ReadyAfterRunning?.P95, "0.00"),
        new("Ready after the cloud's `running`, p99 (s)", "", r => r.ReadyAfterRunning?.P99, "0.00"),
        new("Ready after the cloud's `running`, max (s)", "", r => r.ReadyAfterRunning?.Max, "0.00"),
        new("NeevCloud calls per VM, creation", "", r => r.CreationCallsPerVm, "0.00"),
        new("Kubernetes writes per VM, creation (audit)", "", r => r.CreationWritesPerVm, "0.00"),
        new("MODIFIED watch events per VM, creation (mean)", "", r => r.ModifiedPerVm?.Mean, "0.00"),
        new("reconciles per VM, creation", "", r => r.ReconcilesPerVm, "0.00"),
        new("CPU during creation (s): operator", "", r => r.CreationCpu.GetValueOrDefault("operator", double.NaN)),
        new("CPU during creation (s): API server + etcd", "", r => r.CreationCpu.GetValueOrDefault("apiserver", double.NaN) + r.CreationCpu.GetValueOrDefault("etcd", double.NaN)),
        new("CPU during creation (s): simulator", "", r => r.CreationCpu.GetValueOrDefault("simulator", double.NaN)),
        new("operator CPU per created VM (ms)", "", r => r.CreationCpu.GetValueOrDefault("operator", double.NaN) * 1000 / r.Vms, "0.0"),
        new("added to the settled fleet: Ready after `running`, p50 (s)", "", r => r.AddedReadyAfterRunning?.P50, "0.00"),
        new("added to the settled fleet: Ready after `running`, p95 (s)", "≤ 2", r => r.AddedReadyAfterRunning?.P95, "0.00"),
        new("steady state: NeevCloud calls/min (LIST per project)", "depends on P, not N", r => r.SteadyTotalPerMinute),
        new("steady state: NeevCloud calls/min (baseline, GET per VM)", "", r => r.BaselineTotalPerMinute),
        new("steady state: baseline ÷ LIST per project", "", r => r.BaselineRatio),
        new("steady state: Kubernetes writes/min", "0", r => r.SteadyWritesPerMinute),
        new("steady state: operator CPU (s per min)", "", r => r.SteadyCpuPerMinute.GetValueOrDefault("operator", double.NaN), "0.00"),
        new("steady state: operator CPU per VM-minute (ms)", "", r => r.SteadyCpuPerMinute.GetValueOrDefault("operator", double.NaN) * 1000 / r.Vms, "0.00"),
        new("steady state: operator CPU per VM-minute, baseline (ms)", "", r => r.BaselineCpuPerMinute?.GetValueOrDefault("operator", double.NaN) * 1000 / r.Vms, "0.00"),
        new("managed heap, idle (MB)", "", r => r.HeapIdleMb),
        new("managed heap, all VMs Ready (MB)", "", r => r.HeapSteadyMb),
        new("managed heap beyond idle per VM (KB)", "< 15", r => r.HeapPerVmKb),
        new("start-up with all objects → caches synced (s)", "", r => r.StartupSeconds, "0.00"),
        new("RSS after start-up (MB)", "", r => r.RssAfterStartupMb),
        new("delete all → no finalizer, empty cloud (s)", "", r => r.DeletionSeconds),
        new("NeevCloud calls per VM, deletion", "", r => r.DeletionCalls.Values.Sum() / (double)r.Vms, "0.00"),
        new("CPU during deletion (s): operator", "", r => r.DeletionCpu.GetValueOrDefault("operator", double.NaN)),
        new("operator peak RSS (MB)", "< 300", r => r.PeakRssMb),
        new("baseline operator peak RSS (MB)", "", r => r.BaselinePeakRssMb),
    ];

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public static async Task<string> WriteAsync(
        BenchOptions options, BenchCase fleet, MachineInfo machine, IReadOnlyList<RunResult> runs, string? failure, DateTimeOffset started, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.ResultsFolder);
        var basePath = Path.Combine(options.ResultsFolder, $"bench-{started:yyyy-MM-dd}-n{fleet.Vms}-p{fleet.Projects}{(options.Label is { } label ? "-" + label : "")}");
        var medians = Metrics.ToDictionary(m => m.Name, m => Median(runs, m));
        var document = new { Case = fleet, Machine = machine, options.Command, Settings = Settings(options), Failure = failure, Medians = medians, Runs = runs };
        await File.WriteAllTextAsync(basePath + ".json", JsonSerializer.Serialize(document, Json), cancellationToken);
        await File.WriteAllTextAsync(basePath + ".md", Markdown(options, fleet, machine, runs, failure, started), cancellationToken);
        return basePath + ".md";
    }

    private static string Markdown(BenchOptions options, BenchCase fleet, MachineInfo machine, IReadOnlyList<RunResult> runs, string? failure, DateTimeOffset started)
    {
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');
        Line(string.Create(CultureInfo.InvariantCulture, $"# Benchmark: {fleet.Vms} VMs in {fleet.Projects} projects — {started:yyyy-MM-dd HH:mm} UTC"));
        Line();
        Line($"- command: `{options.Command}`");
        Line(string.Create(CultureInfo.InvariantCulture, $"- machine: {machine.Cores} cores ({machine.Cpu}), {machine.MemoryMb} MB, kernel `{machine.Kernel}`, dotnet SDK {machine.DotnetSdk} (runtime {machine.Runtime})"));
        Line($"- settings: {Settings(options)}");
        Line(string.Create(CultureInfo.InvariantCulture, $"- runs: {runs.Count} (the median column is the median of the runs)"));
        if (failure is not null)
        {
            Line($"- **failed**: {failure}");
        }

        Line();
        Line($"| figure | target | {string.Join(" | ", runs.Select(r => $"run {r.Run}"))} | median |");
        Line($"|---|---|{string.Concat(runs.Select(_ => "---|"))}---|");
        foreach (var metric in Metrics)
        {
            Line($"| {metric.Name} | {metric.Target} | {string.Join(" | ", runs.Select(r => Format(metric.Value(r), metric.Format)))} | {Format(Median(runs, metric), metric.Format)} |");
        }

        foreach (var r in runs)
        {
            Line();
            Line(string.Create(CultureInfo.InvariantCulture, $"## Run {r.Run} in detail"));
            Line();
            Line($"- NeevCloud calls during creation: {Pairs(r.CreationCalls)}");
            Line($"- the operator's Kubernetes requests during creation (audit log, verb resource): {Pairs(r.CreationRequests)}");
            Line($"- steady state, calls/min by operation, LIST per project: {Pairs(r.SteadyCallsPerMinute)}");
            Line($"- steady state, calls/min by operation, baseline: {(r.BaselineCallsPerMinute is { } b ? Pairs(b) : "not run")}");
            Line($"- NeevCloud calls during deletion: {Pairs(r.DeletionCalls)}");
            Line($"- CPU seconds during creation: {Pairs(r.CreationCpu)}; per minute in the steady state: {Pairs(r.SteadyCpuPerMinute)}; during deletion: {Pairs(r.DeletionCpu)}");
            Line(string.Create(CultureInfo.InvariantCulture, $"- Ready after `running`, all VMs: {r.ReadyAfterRunning}; the {r.AddedReadyAfterRunning?.Count} added later: {r.AddedReadyAfterRunning}"));
            Line(string.Create(CultureInfo.InvariantCulture, $"- MODIFIED events per VM during creation: mean {r.ModifiedPerVm?.Mean:0.00}, p50 {r.ModifiedPerVm?.P50}, max {r.ModifiedPerVm?.Max}"));
            Line(string.Create(CultureInfo.InvariantCulture, $"- baseline start-up: {r.BaselineStartupSeconds:0.00} s; logs: `{r.LogFolder}`"));
        }

        return text.ToString();
    }

    private static string Settings(BenchOptions options) => string.Create(
        CultureInfo.InvariantCulture,
        $"simulator StepDuration {options.Step:c}; Operator:Refresh:Stable {options.Stable:c} (Transitioning, Blocked: defaults); steady-state window {options.Window:c} after {options.Stable.TotalSeconds + 10:0} s settling; "
        + $"NeevCloud:RateLimit {(options.CloudRequestsPerSecond is double rps ? $"{rps}/s" : "default 10/s")} burst {(options.CloudBurst is int b ? b.ToString(CultureInfo.InvariantCulture) : "default 20")}; "
        + $"extra operator args: {(options.OperatorArgs.Count == 0 ? "none" : string.Join(' ', options.OperatorArgs))}");

    private static double? Median(IReadOnlyList<RunResult> runs, Metric metric)
    {
        var values = runs.Select(metric.Value).OfType<double>().Where(v => !double.IsNaN(v)).ToList();
        return values.Count == 0 ? null : Distribution.Median(values);
    }

    private static string Format(double? value, string format) =>
        value is double v && !double.IsNaN(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "n/a";

    private static string Pairs<T>(IReadOnlyDictionary<string, T> values) =>
        values.Count == 0 ? "none" : string.Join(", ", values.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value}")));
}

using System.Globalization;
using System.Text;

namespace Soak.Tests;

/// <summary>The soak's figures, filled in as it goes, so that even a failed run reports how far it got.</summary>
internal sealed class SoakReport(SoakSettings settings, string command)
{
    public string Outcome { get; set; } = "did not finish";

    public TimeSpan? Converged { get; set; }

    public TimeSpan? Deleted { get; set; }

    public TimeSpan? Total { get; set; }

    public int PowerFlipRounds { get; set; }

    public IReadOnlyList<string> Faults { get; set; } = [];

    public IReadOnlyList<string> Calls { get; set; } = [];

    public int OperatorKills { get; set; }

    public int OperatorTerms { get; set; }

    public IReadOnlyList<TimeSpan> OperatorUptimes { get; set; } = [];

    public int ApiServerRestarts { get; set; }

    public IReadOnlyList<string> DuplicateVms { get; set; } = [];

    public IReadOnlyList<string> DuplicateProjects { get; set; } = [];

    public IReadOnlyList<string> StrayVms { get; set; } = [];

    public IReadOnlyList<string> StrayProjects { get; set; } = [];

    public string? LeftInCloud { get; set; }

    public int? LeftInCluster { get; set; }

    public ReconcilePasses? Passes { get; set; }

    public TimeSpan PassWindow { get; set; }

    public int? TokenInLogs { get; set; }

    public int LogFiles { get; set; }

    public long LogBytes { get; set; }

    public int? TokenInObjects { get; set; }

    public string LogFolder { get; set; } = "";

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Soak with faults — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Command: `{command}` · machine: {Environment.ProcessorCount} cores, `{Environment.OSVersion.VersionString}`, .NET {Environment.Version}");
        text.AppendLine();
        text.AppendLine("| figure | value |");
        text.AppendLine("|---|---|");
        Row(text, "outcome", Outcome);
        Row(text, "resources", $"{settings.Projects} Projects, {settings.Vms} VirtualMachines ({settings.Vms / 4} with deleteRootDisk: false, {settings.Vms / 5} Stopped)");
        Row(text, "seed (NEEV_SOAK_SEED)", settings.Seed.ToString(CultureInfo.InvariantCulture));
        Row(text, "simulator step", $"{settings.StepDuration.TotalSeconds:0.#} s");
        Row(text, "applied → all Ready", Seconds(Converged));
        Row(text, "power flips after Ready (long run)", $"{PowerFlipRounds} rounds");
        Row(text, "delete → all gone", Seconds(Deleted));
        Row(text, "whole soak", Seconds(Total));
        Row(text, "replicas SIGKILLed / SIGTERMed (2 running, leader election)", $"{OperatorKills} / {OperatorTerms} (lives {string.Join(", ", OperatorUptimes.Select(u => $"{u.TotalSeconds:0}s"))})");
        Row(text, "API server restarts (etcd kept)", ApiServerRestarts.ToString(CultureInfo.InvariantCulture));
        Row(text, "duplicated VMs (name within project)", List(DuplicateVms));
        Row(text, "duplicated projects (name within org)", List(DuplicateProjects));
        Row(text, "cloud VMs / projects no resource owns (at Ready)", $"{List(StrayVms)} / {List(StrayProjects)}");
        Row(text, "left in the simulator after deletion", LeftInCloud ?? "n/a");
        Row(text, "left in the cluster (objects with finalizers)", LeftInCluster?.ToString(CultureInfo.InvariantCulture) ?? "n/a");
        if (Passes is { } passes)
        {
            var (most, count) = passes.Most();
            var (dense, denseCount) = passes.MostWithin(PassWindow);
            Row(text, "reconcile passes", $"{passes.Total} over {passes.Keys} keys");
            Row(text, "most passes of one key", $"{count} ({most})");
            Row(text, $"most passes of one key within {PassWindow.TotalSeconds:0} s", $"{denseCount} ({dense})");
        }

        Row(text, "token found in logs", TokenInLogs is int hits ? $"{hits} ({LogFiles} files, {LogBytes / 1024} KiB scanned)" : "n/a");
        Row(text, "token found in cluster objects and events", TokenInObjects?.ToString(CultureInfo.InvariantCulture) ?? "n/a");
        text.AppendLine();
        text.AppendLine("Faults injected (`GET /_sim/faults`, fired counts):");
        text.AppendLine();
        foreach (var fault in Faults)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {fault}");
        }

        text.AppendLine();
        text.AppendLine("NeevCloud calls the simulator saw (`GET /_sim/calls`, operation: status × count):");
        text.AppendLine();
        foreach (var call in Calls)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {call}");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Logs: `{LogFolder}` (kept when the soak fails or NEEV_SOAK_KEEP_LOGS=1).");
        return text.ToString();
    }

    private static void Row(StringBuilder text, string figure, string value) =>
        text.AppendLine(CultureInfo.InvariantCulture, $"| {figure} | {value} |");

    private static string Seconds(TimeSpan? span) => span is { } s ? $"{s.TotalSeconds:0.0} s" : "n/a";

    private static string List(IReadOnlyList<string> items) => items.Count == 0 ? "0" : $"{items.Count}: {string.Join(", ", items.Take(5))}";
}

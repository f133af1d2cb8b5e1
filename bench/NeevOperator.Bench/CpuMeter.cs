using System.Globalization;
using Soak.Tests.OutOfProcess;

namespace NeevOperator.Bench;

/// <summary>
/// CPU seconds of every process on the machine that the benchmark involves: on 2 cores they compete, so the
/// operator's latency can only be read next to what the API server, etcd and the simulator used meanwhile.
/// </summary>
internal sealed class CpuMeter(IReadOnlyDictionary<string, int> fixedProcesses)
{
    public static CpuMeter For(string? controlPlaneState)
    {
        var pids = new Dictionary<string, int>(StringComparer.Ordinal);
        if (controlPlaneState is not null && File.Exists(controlPlaneState))
        {
            foreach (var line in File.ReadLines(controlPlaneState))
            {
                var (key, value) = (line.Split('=', 2)[0], line.Split('=', 2).ElementAtOrDefault(1));
                if (key is "apiserver_pid" or "etcd_pid" && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                {
                    pids[key[..^4]] = pid;
                }
            }
        }

        return new CpuMeter(pids);
    }

    /// <summary>CPU seconds so far of the operator, the simulator, the API server and etcd.</summary>
    public Dictionary<string, double> Read(OperatorProcess operatorProcess, SimulatorProcess cloud)
    {
        var now = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["operator"] = operatorProcess.Process.ReadStats()?.CpuSeconds ?? double.NaN,
            ["simulator"] = cloud.Process.ReadStats()?.CpuSeconds ?? double.NaN,
        };
        foreach (var (name, pid) in fixedProcesses)
        {
            now[name] = ProcessStats.Read(pid)?.CpuSeconds ?? double.NaN;
        }

        return now;
    }

    public static Dictionary<string, double> Between(Dictionary<string, double> before, Dictionary<string, double> after) =>
        after.ToDictionary(kv => kv.Key, kv => Math.Round(kv.Value - before.GetValueOrDefault(kv.Key), 1), StringComparer.Ordinal);
}

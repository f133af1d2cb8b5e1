using Integration.Tests.Infrastructure;

namespace NeevOperator.Bench;

/// <summary>The machine the numbers come from: they mean little without it.</summary>
internal sealed record MachineInfo(int Cores, string Cpu, long MemoryMb, string Kernel, string DotnetSdk, string Runtime)
{
    public static async Task<MachineInfo> CollectAsync(CancellationToken cancellationToken)
    {
        var memory = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        var sdk = await ProcessRunner.RunAsync("dotnet", ["--version"], cancellationToken: cancellationToken);
        return new MachineInfo(
            Environment.ProcessorCount,
            cpu,
            long.Parse(memory.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024,
            File.ReadAllText("/proc/sys/kernel/osrelease").Trim(),
            sdk.StdOut.Trim(),
            Environment.Version.ToString());
    }
}

using System.Globalization;

namespace Soak.Tests.OutOfProcess;

/// <summary>Memory and CPU of a Linux process as the kernel accounts them (/proc/&lt;pid&gt;/status and stat).</summary>
/// <param name="PeakRssBytes">VmHWM: the most resident memory the process ever had.</param>
/// <param name="RssBytes">VmRSS: resident memory now.</param>
/// <param name="CpuSeconds">User plus system CPU time so far.</param>
internal sealed record ProcessStats(long PeakRssBytes, long RssBytes, double CpuSeconds)
{
    // USER_HZ: what utime and stime count in. 100 on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;

    public static ProcessStats? Read(int pid)
    {
        try
        {
            var status = File.ReadAllLines($"/proc/{pid}/status");
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command name, which is in parentheses and may itself hold spaces.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return new ProcessStats(Kilobytes(status, "VmHWM:") * 1024, Kilobytes(status, "VmRSS:") * 1024, ticks / TicksPerSecond);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long Kilobytes(string[] status, string field) =>
        status.FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal)) is { } line
            ? long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture)
            : 0;
}

using System.Diagnostics;
using System.Globalization;

namespace Soak.Tests.OutOfProcess;

/// <summary>
/// A child process whose stdout and stderr go to a log file, the way a container runtime keeps them,
/// so tests can read (and search) everything it printed after it died. It stops like a pod does:
/// SIGTERM with a grace period, or SIGKILL for a crash.
/// </summary>
internal sealed class LoggedProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _gate = new();
    private bool _disposed;

    private LoggedProcess(Process process, StreamWriter log, string logPath)
    {
        _process = process;
        _log = log;
        LogPath = logPath;
        StartedAt = DateTimeOffset.UtcNow;
    }

    public int Id => _process.Id;

    public string LogPath { get; }

    public DateTimeOffset StartedAt { get; }

    public bool HasExited => _process.HasExited;

    public static LoggedProcess Start(
        string fileName, IEnumerable<string> args, string logPath, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = info };
        var logged = new LoggedProcess(process, log, logPath);
        process.OutputDataReceived += (_, e) => logged.Write(e.Data);
        process.ErrorDataReceived += (_, e) => logged.Write(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"could not start {fileName}");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return logged;
    }

    /// <summary>Peak and current memory and CPU time so far, from /proc; null once the process is gone.</summary>
    public ProcessStats? ReadStats() => ProcessStats.Read(_process.Id);

    /// <summary>A crash: SIGKILL, no chance to clean up. Returns once the process and its output are gone.</summary>
    public async Task KillAsync()
    {
        if (_disposed)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync(CancellationToken.None);
    }

    /// <summary>A graceful stop: SIGTERM, then SIGKILL when <paramref name="grace"/> runs out.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_disposed || _process.HasExited)
        {
            return;
        }

        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync(CancellationToken.None);
        try
        {
            await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(grace);
        }
        catch (TimeoutException)
        {
            await KillAsync();
        }
    }

    /// <summary>The last lines of the log, to explain a process that would not start.</summary>
    public string Tail(int lines = 40)
    {
        lock (_gate)
        {
            _log.Flush();
        }

        using var reader = new StreamReader(new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        var all = reader.ReadToEnd().Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        await KillAsync();
        _disposed = true;
        lock (_gate)
        {
            _log.Dispose();
        }

        _process.Dispose();
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _log.WriteLine(line);
        }
    }
}

using System.Collections.Concurrent;

namespace Integration.Tests.Infrastructure;

/// <summary>
/// The pinned tools of hack/tools.sh (helm, lua), fetched at most once per test run: tests run
/// in parallel, and two fetches into the same cache folder would race. A tool that cannot be
/// fetched skips the test with the script's own error, never passes it silently.
/// </summary>
public static class RepositoryTools
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<ProcessResult>>> Fetches = new(StringComparer.Ordinal);

    public static async Task<string> PathOrSkipAsync(string tool)
    {
        // Not the test's token: the one fetch serves every test that needs the tool.
        var result = await Fetches.GetOrAdd(
            tool,
            name => new Lazy<Task<ProcessResult>>(() => ProcessRunner.RunAsync(
                RepositoryPaths.Combine("hack", "tools.sh"), [name], cancellationToken: CancellationToken.None))).Value;
        var path = result.StdOut.Trim();
        if (result.ExitCode != 0 || path.Length == 0 || !File.Exists(path))
        {
            Assert.Skip($"skipped: hack/tools.sh {tool} could not provide {tool}: {result.StdErr.Trim()}");
        }

        return path;
    }
}

namespace Integration.Tests.Infrastructure;

/// <summary>The project's pinned kubectl against one kubeconfig, as a user types it: a failure fails the test with the output.</summary>
internal sealed class Kubectl(string kubeconfig, CancellationToken cancellationToken)
{
    private static readonly Lazy<Task<string>> Binary = new(async () =>
        (await ProcessRunner.RunAsync(RepositoryPaths.Combine("hack", "tools.sh"), ["kubectl"])).StdOut.Trim());

    public async Task<ProcessResult> RunAsync(params string[] args)
    {
        var result = await ProcessRunner.RunAsync(
            await Binary.Value, args, environment: new Dictionary<string, string> { ["KUBECONFIG"] = kubeconfig },
            workingDirectory: RepositoryPaths.Root, cancellationToken: cancellationToken);
        Assert.True(result.ExitCode == 0, $"kubectl {string.Join(' ', args)}:\n{result}");
        return result;
    }
}

using k8s;
using NeevOperator.Bench;

// bench/run.sh builds, brings up the control plane (instance "bench", audit log on) and runs this.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var machine = await MachineInfo.CollectAsync(cancel.Token);
using var kubernetes = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(options.Kubeconfig));
var logs = Directory.CreateTempSubdirectory("neev-bench-").FullName;
Console.WriteLine($"bench: {string.Join(", ", options.Cases)} × {options.Repeat}; process logs under {logs}");
foreach (var fleet in options.Cases)
{
    var started = DateTimeOffset.UtcNow;
    var runs = new List<RunResult>();
    for (var run = 1; run <= options.Repeat; run++)
    {
        var folder = Directory.CreateDirectory(Path.Combine(logs, $"{fleet}-run{run}")).FullName;
        var bench = new BenchRun(options, fleet, run, kubernetes, folder);
        string? failure = null;
        try
        {
            await bench.RunAsync(cancel.Token);
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or HttpRequestException or OperationCanceledException)
        {
            failure = $"run {run}: {ex.GetType().Name}: {ex.Message}";
        }

        runs.Add(bench.Result);
        var written = await ResultWriter.WriteAsync(options, fleet, machine, runs, failure, started, CancellationToken.None);
        Console.WriteLine($"results so far: {written}");
        if (failure is not null)
        {
            Console.Error.WriteLine($"bench failed: {failure}");
            return 1;
        }
    }
}

return 0;

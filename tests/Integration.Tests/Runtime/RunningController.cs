using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using NeevCloud.Operator.Runtime;
using Prometheus;

namespace Integration.Tests.Runtime;

/// <summary>A cache and a controller runner over Widgets in one namespace, running in the background.</summary>
internal sealed class RunningController : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _cacheTask;
    private readonly Task _workersTask;
    private readonly DelegateController _controller;

    private RunningController(IKubernetes kubernetes, string ns, DelegateController controller, int workers)
    {
        _controller = controller;
        Client = new EntityClient<Widget>(kubernetes);
        Cache = new EntityCache<Widget>(Client, new CacheOptions { Namespaces = [ns] }, NullLogger.Instance);
        Runner = new ControllerRunner<Widget>(
            Cache,
            Client,
            () => controller,
            () => controller,
            new ControllerOptions { Name = "widget", Workers = workers },
            new ControllerMetrics(Metrics.WithCustomRegistry(Metrics.NewCustomRegistry())),
            NullLogger.Instance);
        _cacheTask = Cache.RunAsync(_stop.Token);
        _workersTask = Task.Run(async () =>
        {
            await Cache.WaitForSyncAsync(_stop.Token);
            await Runner.RunWorkersAsync(_stop.Token);
        });
    }

    public EntityClient<Widget> Client { get; }

    public EntityCache<Widget> Cache { get; }

    public ControllerRunner<Widget> Runner { get; }

    public static RunningController Start(IKubernetes kubernetes, string ns, DelegateController controller, int workers = 2) =>
        new(kubernetes, ns, controller, workers);

    /// <summary>Passes of the object of this name (each test has a namespace of its own).</summary>
    public int ReconcilesOf(string name) => _controller.PassesOf(name);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Task.WhenAll(_cacheTask, _workersTask);
        }
        catch (OperationCanceledException)
        {
            // Stopping is what we asked for.
        }

        Runner.Dispose();
        _stop.Dispose();
    }
}

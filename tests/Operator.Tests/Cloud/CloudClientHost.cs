using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using NeevCloud.Operator.Cloud;
using Prometheus;

namespace NeevCloud.Operator.Tests.Cloud;

/// <summary>
/// The client wired exactly as the operator wires it (AddNeevCloudClient), plus what tests look at: every log
/// record down to Trace, and a private metrics registry.
/// </summary>
internal sealed class CloudClientHost : IDisposable, IAsyncDisposable
{
    private readonly CollectorRegistry _registry;

    private CloudClientHost(ServiceProvider services, CollectorRegistry registry)
    {
        Services = services;
        _registry = registry;
    }

    public ServiceProvider Services { get; }

    public INeevCloudClient Client => Services.GetRequiredService<INeevCloudClient>();

    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    public static CloudClientHost Create(IEnumerable<KeyValuePair<string, string?>> settings, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var registry = Metrics.NewCustomRegistry();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        services.AddSingleton<IMetricFactory>(Metrics.WithCustomRegistry(registry));
        services.AddNeevCloudClient(configuration);
        configure?.Invoke(services);
        return new CloudClientHost(services.BuildServiceProvider(validateScopes: true), registry);
    }

    /// <summary>Everything the process would expose on /metrics.</summary>
    public async Task<string> ScrapeMetricsAsync()
    {
        using var stream = new MemoryStream();
        await _registry.CollectAndExportAsTextAsync(stream, TestContext.Current.CancellationToken);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public void Dispose() => Services.Dispose();

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}

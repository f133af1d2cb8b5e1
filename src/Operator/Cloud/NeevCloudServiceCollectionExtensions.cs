using System.Threading.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NeevCloud.Operator.Runtime;
using Prometheus;

namespace NeevCloud.Operator.Cloud;

public static class NeevCloudServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="INeevCloudClient"/> configured from the <c>NeevCloud</c> section of
    /// <paramref name="configuration"/>, validated when the host starts. Metrics go to the registered
    /// <see cref="IMetricFactory"/>, or prometheus-net's default registry.
    /// </summary>
    public static IServiceCollection AddNeevCloudClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<NeevCloudOptions>()
            .Bind(configuration.GetSection(NeevCloudOptions.SectionName), binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NeevCloudOptions>, NeevCloudOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new CloudApiMetrics(sp.GetService<IMetricFactory>() ?? Metrics.DefaultFactory));
        services.TryAddKeyedSingleton<RateLimiter>(NeevCloudHttpClientNames.RateLimiterKey, (sp, _) => CreateRateLimiter(sp));
        services.TryAddTransient<CloudCallObserver>();
        services.TryAddSingleton<RetryAfterPause>();
        services.TryAddSingleton<CredentialBreaker>();
        // Outside the operator (tests, tools) nothing fences writes; the controller runtime registers its own first.
        services.TryAddSingleton(sp => WriteFence.AlwaysOpen(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<CloudHttp>();
        services.TryAddSingleton(CreateTokenProvider);
        services.TryAddSingleton<INeevCloudClient, NeevCloudClient>();

        AddCloudHttpClient(services, NeevCloudHttpClientNames.Tenant, options => options.TenantUrl);
        AddCloudHttpClient(services, NeevCloudHttpClientNames.Vm, options => options.VmUrl);
        AddCloudHttpClient(services, NeevCloudHttpClientNames.Login, options => options.TenantUrl);
        return services;
    }

    private static void AddCloudHttpClient(IServiceCollection services, string name, Func<NeevCloudOptions, Uri> baseUrl)
    {
        var builder = services.AddHttpClient(name, (sp, client) =>
            {
                client.BaseAddress = WithTrailingSlash(baseUrl(sp.GetRequiredService<IOptions<NeevCloudOptions>>().Value));

                // The resilience pipeline owns every timeout; HttpClient's own 100 s would cut across it.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("neev-operator");
            })
            // The factory's own loggers log every request at Information; CloudCallObserver logs them at Debug.
            .RemoveAllLoggers();

        // Handlers run in the order added: the pipeline wraps the observer, so each attempt is observed.
        builder.AddResilienceHandler(CloudResiliencePipeline.Name, CloudResiliencePipeline.Configure);
        builder.AddHttpMessageHandler<CloudCallObserver>();
    }

    // Relative paths resolve under the base only when it ends with '/': ".../tenant" + "api/v1" would drop "tenant".
    private static Uri WithTrailingSlash(Uri url) =>
        url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");

    private static TokenBucketRateLimiter CreateRateLimiter(IServiceProvider services)
    {
        var rateLimit = services.GetRequiredService<IOptions<NeevCloudOptions>>().Value.RateLimit;
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = rateLimit.Burst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1 / rateLimit.RequestsPerSecond),
            QueueLimit = rateLimit.QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    private static ITokenProvider CreateTokenProvider(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<NeevCloudOptions>>().Value;
        if (!string.IsNullOrWhiteSpace(options.TokenFile))
        {
            return new FileTokenProvider(options.TokenFile);
        }

        if (!string.IsNullOrWhiteSpace(options.Token))
        {
            return new StaticTokenProvider(options.Token.Trim());
        }

        return ActivatorUtilities.CreateInstance<LoginTokenProvider>(services);
    }
}

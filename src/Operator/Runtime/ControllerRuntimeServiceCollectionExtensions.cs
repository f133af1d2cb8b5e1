using k8s;
using k8s.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NeevCloud.Crds;
using NeevCloud.Operator.Runtime.Deletion;
using NeevCloud.Operator.Runtime.Managed;
using NeevCloud.Operator.Runtime.Polling;
using Prometheus;

namespace NeevCloud.Operator.Runtime;

public static class ControllerRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// The runtime's shared parts: the Kubernetes client (kubeconfig outside a cluster, the
    /// service account inside), metrics, events, leader election and the controller manager.
    /// </summary>
    public static IServiceCollection AddControllerRuntime(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<LeaderElectionOptions>(configuration.GetSection("Operator:LeaderElection"));
        services.AddSingleton(sp => new CacheOptions
        {
            // "a,b" watches namespaces a and b; empty watches all.
            Namespaces = (configuration["Operator:WatchNamespace"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        });
        services.AddSingleton<IKubernetes>(_ => new Kubernetes(KubernetesConfiguration(configuration)));
        services.AddSingleton(_ => new ControllerMetrics(Metrics.DefaultFactory));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<EventRecorder>();
        services.AddSingleton<IEventRecorder>(sp => sp.GetRequiredService<EventRecorder>());
        services.Configure<ManagedOptions>(configuration.GetSection(ManagedOptions.SectionName));
        services.Configure<RefreshOptions>(configuration.GetSection(RefreshOptions.SectionName));
        services.AddOptions<DeletionBreakerOptions>()
            .Bind(configuration.GetSection(DeletionBreakerOptions.SectionName))
            .Validate(o => o.MaxDeletes >= 0, $"{DeletionBreakerOptions.SectionName}:MaxDeletes must be 0 (off) or more")
            .Validate(o => o.Window > TimeSpan.Zero, $"{DeletionBreakerOptions.SectionName}:Window must be a positive duration, e.g. 00:05:00")
            .ValidateOnStart();
        services.AddSingleton(sp => new DeletionBreaker(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<DeletionBreakerOptions>>(), sp.GetRequiredService<TimeProvider>(), Metrics.DefaultFactory));
        services.AddSingleton<IResourceDefinitions, ResourceDefinitions>();
        services.AddSingleton(_ => new StalledResources(Metrics.DefaultFactory));
        // Closed until this replica leads (registered before the cloud client, which would otherwise add an open one).
        services.AddSingleton(sp => WriteFence.ClosedUntilGranted(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ListingPoller>();
        services.AddHostedService(sp => sp.GetRequiredService<ListingPoller>());
        services.AddSingleton<ControllerManager>();
        services.AddHostedService(sp => sp.GetRequiredService<ControllerManager>());
        return services;
    }

    /// <summary>
    /// A watch cache of one resource type, run on every replica; registered once however many
    /// controllers read it.
    /// </summary>
    public static IServiceCollection AddEntityCache<TEntity>(this IServiceCollection services)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        if (services.Any(d => d.ServiceType == typeof(EntityCache<TEntity>)))
        {
            return services;
        }

        services.AddSingleton(sp => new EntityClient<TEntity>(sp.GetRequiredService<IKubernetes>()));
        services.AddSingleton(sp => new EntityCache<TEntity>(
            sp.GetRequiredService<EntityClient<TEntity>>(),
            sp.GetRequiredService<CacheOptions>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger($"cache.{typeof(TEntity).Name}"),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IManagedCache>(sp => sp.GetRequiredService<EntityCache<TEntity>>());
        return services;
    }

    /// <summary>Registers a controller (and optionally its finalizer) for one resource type.</summary>
    public static IServiceCollection AddController<TEntity, TController>(
        this IServiceCollection services, ControllerOptions options, bool withFinalizer = true)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
        where TController : class, IEntityController<TEntity>, IEntityFinalizer<TEntity>
    {
        services.AddEntityCache<TEntity>();
        services.AddSingleton<TController>();
        services.AddSingleton(sp => new ControllerRunner<TEntity>(
            sp.GetRequiredService<EntityCache<TEntity>>(),
            sp.GetRequiredService<EntityClient<TEntity>>(),
            sp.GetRequiredService<TController>,
            withFinalizer ? sp.GetRequiredService<TController> : null,
            options,
            sp.GetRequiredService<ControllerMetrics>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger($"controller.{options.Name}"),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetServices<ISecondaryWatch<TEntity>>()));
        services.AddSingleton<IManagedController>(sp => sp.GetRequiredService<ControllerRunner<TEntity>>());
        return services;
    }

    /// <summary>
    /// A kind managed by the shared lifecycle (<see cref="ManagedReconciler{TEntity}"/>): all it brings is its
    /// <see cref="IExternalClient{TEntity}"/>. An <see cref="IFailureClassifier"/> must be registered once.
    /// </summary>
    public static IServiceCollection AddManagedResource<TEntity, TExternalClient>(this IServiceCollection services, ControllerOptions options)
        where TEntity : class, IManagedResource
        where TExternalClient : class, IExternalClient<TEntity>
    {
        services.AddEntityCache<TEntity>();
        services.AddSingleton<IMetadataWriter<TEntity>>(sp => new EntityMetadataWriter<TEntity>(
            sp.GetRequiredService<EntityClient<TEntity>>(), sp.GetRequiredService<EntityCache<TEntity>>(), options.Finalizer));
        services.AddSingleton<IEntityLister<TEntity>>(sp => sp.GetRequiredService<EntityCache<TEntity>>());
        services.AddSingleton<TExternalClient>();
        services.AddSingleton<IExternalClient<TEntity>>(sp => sp.GetRequiredService<TExternalClient>());
        return services.AddController<TEntity, ManagedReconciler<TEntity>>(options with { ControllerAddsFinalizer = true });
    }

    /// <summary>
    /// A cloud listing shared by the objects of one kind (<see cref="PolledListing{TScope, TItem, TEntity}"/>): polled by
    /// the <see cref="ListingPoller"/>, and routing the changes it sees to the work queue of <typeparamref name="TEntity"/>.
    /// </summary>
    public static IServiceCollection AddPolledListing<TScope, TItem, TEntity>(
        this IServiceCollection services, Func<IServiceProvider, PolledListing<TScope, TItem, TEntity>> create)
        where TScope : notnull
    {
        services.AddSingleton(create);
        services.AddSingleton<IPolledListing>(sp => sp.GetRequiredService<PolledListing<TScope, TItem, TEntity>>());
        services.AddSingleton<ISecondaryWatch<TEntity>>(sp => sp.GetRequiredService<PolledListing<TScope, TItem, TEntity>>());
        return services;
    }

    /// <summary>Passes of <typeparamref name="TEntity"/> objects when a <typeparamref name="TSource"/> changes.</summary>
    public static IServiceCollection AddSecondaryWatch<TSource, TEntity>(
        this IServiceCollection services,
        Func<IServiceProvider, TSource, IEnumerable<string>> keysOf,
        Func<TSource?, TSource?, bool>? relevant = null)
        where TSource : class, IKubernetesObject<V1ObjectMeta>
    {
        services.AddEntityCache<TSource>();
        services.AddSingleton<ISecondaryWatch<TEntity>>(sp =>
            new SecondaryWatch<TSource, TEntity>(sp.GetRequiredService<EntityCache<TSource>>(), source => keysOf(sp, source), relevant));
        return services;
    }

    /// <summary>
    /// The cluster in controller-runtime's order: --kubeconfig; then $KUBECONFIG (its first file that exists);
    /// then the service account inside a pod; then ~/.kube/config.
    /// </summary>
    private static KubernetesClientConfiguration KubernetesConfiguration(IConfiguration configuration)
    {
        if (configuration["Operator:Kubeconfig"] is { Length: > 0 } flag)
        {
            return KubernetesClientConfiguration.BuildConfigFromConfigFile(flag);
        }

        if (Environment.GetEnvironmentVariable("KUBECONFIG") is { Length: > 0 } variable)
        {
            // A list of files, as for kubectl; the client library merges none, so the first that exists is used.
            var file = variable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(File.Exists)
                ?? throw new InvalidOperationException($"KUBECONFIG names no file that exists ({variable})");
            return KubernetesClientConfiguration.BuildConfigFromConfigFile(file);
        }

        return KubernetesClientConfiguration.IsInCluster()
            ? KubernetesClientConfiguration.InClusterConfig()
            : KubernetesClientConfiguration.BuildConfigFromConfigFile();
    }
}

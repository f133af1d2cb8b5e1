using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NeevCloud.Crds;
using NeevCloud.Operator.Controllers;
using NeevCloud.Operator.Runtime;
using NeevCloud.Operator.Runtime.Deletion;
using NeevCloud.Operator.Runtime.Managed;
using Operator.Tests.Runtime.Managed;
using Prometheus;

namespace Operator.Tests.Controllers;

/// <summary>
/// The shared lifecycle around one kind's external client, as the kind tests run it: the operator's failure
/// table, an open write fence, annotations written in memory, no other resource of the kind in the cluster.
/// </summary>
internal static class KindReconciler
{
    public static ManagedReconciler<TEntity> For<TEntity>(
        IExternalClient<TEntity> external, IOptions<RefreshOptions> refresh, IEventRecorder events, TimeProvider time, ManagedOptions? lifecycle = null)
        where TEntity : class, IManagedResource => new(
            external,
            new InMemoryMetadataWriter<TEntity>(),
            new Neighbours<TEntity>(),
            new CloudFailureTable(refresh),
            events,
            WriteFence.AlwaysOpen(time),
            new Definitions(),
            new DeletionBreaker(Options.Create(new DeletionBreakerOptions()), time, Metrics.WithCustomRegistry(Metrics.NewCustomRegistry())),
            new StalledResources(Metrics.WithCustomRegistry(Metrics.NewCustomRegistry())),
            Options.Create(lifecycle ?? new ManagedOptions()),
            refresh,
            time,
            NullLogger<ManagedReconciler<TEntity>>.Instance);
}

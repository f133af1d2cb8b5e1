using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using NeevCloud.Operator.Runtime;

namespace Operator.Tests.Controllers;

/// <summary>The cluster side of a kind's tests that need none: caches that are never started, a client that reaches nothing.</summary>
internal static class EmptyCluster
{
    public static Kubernetes Unreachable() => new(new KubernetesClientConfiguration { Host = "http://127.0.0.1:1" });

    /// <summary>A watch cache that is never started: nothing of this kind in the cluster.</summary>
    public static EntityCache<T> Cache<T>()
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        new(new EntityClient<T>(Unreachable()), new CacheOptions(), NullLogger.Instance);
}

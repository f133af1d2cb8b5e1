using k8s;

namespace NeevCloud.Operator.Runtime;

/// <summary>A change the cache observed; <see cref="Old"/> is null for additions.</summary>
public sealed record EntityChange<TEntity>(WatchEventType Type, TEntity? Old, TEntity Current);

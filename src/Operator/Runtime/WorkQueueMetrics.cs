using Prometheus;

namespace NeevCloud.Operator.Runtime;

/// <summary>The client-go workqueue metrics of one queue.</summary>
public sealed record WorkQueueMetrics(IGauge Depth, ICounter Adds, IHistogram QueueDuration, ICounter Retries);

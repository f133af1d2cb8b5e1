using Prometheus;

namespace NeevCloud.Operator.Runtime;

/// <summary>
/// Controller and work-queue metrics under the names controller-runtime exports, so the
/// dashboards and alerts operators already have for Go controllers work unchanged.
/// </summary>
public sealed class ControllerMetrics
{
    private static readonly double[] DurationBuckets =
        [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly Counter _reconcileTotal;
    private readonly Counter _reconcileErrors;
    private readonly Histogram _reconcileTime;
    private readonly Gauge _activeWorkers;
    private readonly Gauge _maxConcurrentReconciles;
    private readonly Gauge _queueDepth;
    private readonly Counter _queueAdds;
    private readonly Histogram _queueDuration;
    private readonly Histogram _workDuration;
    private readonly Counter _queueRetries;

    public ControllerMetrics(IMetricFactory factory)
    {
        _reconcileTotal = factory.CreateCounter(
            "controller_runtime_reconcile_total", "Total number of reconciliations per controller.", ["controller", "result"]);
        _reconcileErrors = factory.CreateCounter(
            "controller_runtime_reconcile_errors_total", "Total number of reconciliation errors per controller.", ["controller"]);
        _reconcileTime = factory.CreateHistogram(
            "controller_runtime_reconcile_time_seconds", "Length of time per reconciliation per controller.",
            new HistogramConfiguration { LabelNames = ["controller"], Buckets = DurationBuckets });
        _activeWorkers = factory.CreateGauge(
            "controller_runtime_active_workers", "Number of currently used workers per controller.", ["controller"]);
        _maxConcurrentReconciles = factory.CreateGauge(
            "controller_runtime_max_concurrent_reconciles", "Maximum number of concurrent reconciles per controller.", ["controller"]);
        _queueDepth = factory.CreateGauge("workqueue_depth", "Current depth of workqueue.", ["name"]);
        _queueAdds = factory.CreateCounter("workqueue_adds_total", "Total number of adds handled by workqueue.", ["name"]);
        _queueDuration = factory.CreateHistogram(
            "workqueue_queue_duration_seconds", "How long in seconds an item stays in workqueue before being requested.",
            new HistogramConfiguration { LabelNames = ["name"], Buckets = DurationBuckets });
        _workDuration = factory.CreateHistogram(
            "workqueue_work_duration_seconds", "How long in seconds processing an item from workqueue takes.",
            new HistogramConfiguration { LabelNames = ["name"], Buckets = DurationBuckets });
        _queueRetries = factory.CreateCounter("workqueue_retries_total", "Total number of retries handled by workqueue.", ["name"]);
    }

    public WorkQueueMetrics ForQueue(string name) => new(
        _queueDepth.WithLabels(name), _queueAdds.WithLabels(name), _queueDuration.WithLabels(name), _queueRetries.WithLabels(name));

    public void SetMaxConcurrentReconciles(string controller, int workers) => _maxConcurrentReconciles.WithLabels(controller).Set(workers);

    public IGauge ActiveWorkers(string controller) => _activeWorkers.WithLabels(controller);

    public IHistogram WorkDuration(string controller) => _workDuration.WithLabels(controller);

    public void RecordReconcile(string controller, string result, TimeSpan elapsed)
    {
        _reconcileTotal.WithLabels(controller, result).Inc();
        _reconcileTime.WithLabels(controller).Observe(elapsed.TotalSeconds);
        if (result == "error")
        {
            _reconcileErrors.WithLabels(controller).Inc();
        }
    }
}

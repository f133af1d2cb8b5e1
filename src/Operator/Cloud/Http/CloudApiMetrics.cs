using System.Globalization;
using Prometheus;

namespace NeevCloud.Operator.Cloud;

/// <summary>Prometheus metrics of every HTTP attempt sent to NeevCloud (retries count: they cost API quota too).</summary>
internal sealed class CloudApiMetrics(IMetricFactory factory)
{
    private const string NoController = "none";

    private readonly Counter _requests = factory.CreateCounter(
        "neevcloud_api_requests_total",
        "HTTP requests sent to the NeevCloud API, by operation, status code (or error) and controller.",
        ["operation", "code", "controller"]);

    private readonly Histogram _duration = factory.CreateHistogram(
        "neevcloud_api_request_duration_seconds",
        "Duration of HTTP requests to the NeevCloud API, by operation.",
        ["operation"],
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.005, 2, 14) });

    public void Observe(string operation, string code, TimeSpan duration)
    {
        _requests.WithLabels(operation, code, Runtime.CurrentController.Name ?? NoController).Inc();
        _duration.WithLabels(operation).Observe(duration.TotalSeconds);
    }

    public static string CodeOf(HttpResponseMessage response) =>
        ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
}

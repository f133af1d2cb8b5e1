using Microsoft.Extensions.Logging;

namespace NeevCloud.Operator.Cloud;

/// <summary>
/// The innermost handler: one metric sample and one debug line per HTTP attempt, and every 429 reported to the
/// process-wide <see cref="RetryAfterPause"/>. It logs the method, path and
/// status only — never headers (the bearer token lives there) and never bodies (the login body holds a password).
/// </summary>
internal sealed partial class CloudCallObserver(
    CloudApiMetrics metrics, RetryAfterPause pause, TimeProvider time, ILogger<CloudCallObserver> logger)
    : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var operation = request.Options.TryGetValue(CloudRequestOptions.Operation, out var name) ? name : "unknown";
        var path = request.RequestUri?.AbsolutePath ?? string.Empty;
        var started = time.GetTimestamp();
        var code = "error";
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            code = CloudApiMetrics.CodeOf(response);
            if (response.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
            {
                pause.RateLimited(RetryAfterHeader.Read(response, time));
            }

            return response;
        }
        catch (OperationCanceledException)
        {
            // Caller cancellation and the per-attempt timeout look the same from here.
            code = "canceled";
            throw;
        }
        finally
        {
            var elapsed = time.GetElapsedTime(started);
            metrics.Observe(operation, code, elapsed);
            LogCall(logger, operation, request.Method, path, code, elapsed.TotalMilliseconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "NeevCloud {Operation}: {Method} {Path} -> {Status} in {ElapsedMs:F0} ms")]
    private static partial void LogCall(ILogger logger, string operation, HttpMethod method, string path, string status, double elapsedMs);
}

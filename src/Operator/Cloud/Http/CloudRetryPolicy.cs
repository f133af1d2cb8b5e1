using Polly;
using Polly.Timeout;

namespace NeevCloud.Operator.Cloud;

/// <summary>When the resilience pipeline repeats a request, and how long it waits first.</summary>
internal static class CloudRetryPolicy
{
    /// <summary>
    /// Retry only requests marked retryable (GET, DELETE, start/stop/restart, login), and only for answers that
    /// may change: 5xx, 408, 429, a network failure or a per-attempt timeout. A Retry-After longer than
    /// <paramref name="maxRetryAfter"/> is not waited out here: the caller gets RateLimited with the wait and
    /// requeues instead of holding a worker.
    /// </summary>
    public static bool ShouldRetry(
        HttpRequestMessage? request, Outcome<HttpResponseMessage> outcome, TimeSpan maxRetryAfter, TimeProvider time)
    {
        if (request is null || !request.Options.TryGetValue(CloudRequestOptions.Retryable, out var retryable) || !retryable)
        {
            return false;
        }

        if (outcome.Exception is { } exception)
        {
            return exception is HttpRequestException or TimeoutRejectedException;
        }

        var response = outcome.Result!;
        var kind = CloudErrorMapper.KindOf(response.StatusCode);
        if (kind is not (CloudErrorKind.Transient or CloudErrorKind.RateLimited))
        {
            return false;
        }

        return RetryAfterHeader.Read(response, time) is not { } wait || wait <= maxRetryAfter;
    }

    /// <summary>The server's Retry-After when it sent one; otherwise null, which means jittered exponential backoff.</summary>
    public static TimeSpan? DelayFor(Outcome<HttpResponseMessage> outcome, TimeProvider time) =>
        outcome.Result is { } response ? RetryAfterHeader.Read(response, time) : null;
}

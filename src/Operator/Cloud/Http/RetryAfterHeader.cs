namespace NeevCloud.Operator.Cloud;

internal static class RetryAfterHeader
{
    /// <summary>The wait a response asks for (Retry-After as seconds or as a date), or null when it asks none.</summary>
    public static TimeSpan? Read(HttpResponseMessage response, TimeProvider time)
    {
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);
        return wait is { } w && w < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }
}

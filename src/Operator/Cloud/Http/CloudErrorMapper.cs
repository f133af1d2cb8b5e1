using System.Net;
using System.Text.Json;

namespace NeevCloud.Operator.Cloud;

/// <summary>Turns an unsuccessful response into a <see cref="NeevCloudApiException"/>.</summary>
internal static class CloudErrorMapper
{
    private const int MaxBodyInMessage = 200;

    public static CloudErrorKind KindOf(HttpStatusCode status) => (int)status switch
    {
        400 or 422 => CloudErrorKind.Validation,
        401 => CloudErrorKind.Unauthorized,
        403 => CloudErrorKind.Forbidden,
        404 or 410 => CloudErrorKind.NotFound,
        409 => CloudErrorKind.Conflict,
        429 => CloudErrorKind.RateLimited,
        408 or >= 500 => CloudErrorKind.Transient,
        _ => CloudErrorKind.Unexpected,
    };

    public static async Task<NeevCloudApiException> FromResponseAsync(
        string operation, HttpResponseMessage response, TimeProvider time, CancellationToken cancellationToken)
    {
        var body = await ReadErrorBodyAsync(response, cancellationToken);
        var kind = KindOf(response.StatusCode);
        return new NeevCloudApiException(
            operation,
            kind,
            response.StatusCode,
            body?.Code,
            body?.Message ?? response.ReasonPhrase,
            RetryAfterHeader.Read(response, time),
            kind == CloudErrorKind.Conflict ? body?.Details : null);
    }

    private static async Task<ErrorResponse?> ReadErrorBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(text, NeevCloudJsonContext.Default.ErrorResponse);
        }
        catch (JsonException)
        {
            // A gateway's HTML page or plain text: keep a short excerpt so the reason is not lost.
            var excerpt = text.Length <= MaxBodyInMessage ? text : string.Concat(text.AsSpan(0, MaxBodyInMessage), "…");
            return new ErrorResponse(null, excerpt.Trim(), null);
        }
    }
}

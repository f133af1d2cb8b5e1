using System.Net;

namespace NeevCloud.Operator.Cloud;

/// <summary>
/// The one exception a NeevCloud call throws (besides caller cancellation). Match with
/// <c>catch (NeevCloudApiException ex) when (ex.Kind == CloudErrorKind.NotFound)</c>.
/// Never carries credentials: the message is built from the operation, status and the cloud's error body.
/// </summary>
public sealed class NeevCloudApiException : Exception
{
    public NeevCloudApiException(
        string operation,
        CloudErrorKind kind,
        HttpStatusCode? statusCode,
        string? code,
        string? serverMessage,
        TimeSpan? retryAfter = null,
        ProjectResourceCounts? projectDeletionConflict = null,
        Exception? innerException = null)
        : base(Describe(operation, statusCode, code, serverMessage), innerException)
    {
        Operation = operation;
        Kind = kind;
        StatusCode = statusCode;
        Code = code;
        ServerMessage = serverMessage;
        RetryAfter = retryAfter;
        ProjectDeletionConflict = projectDeletionConflict;
    }

    /// <summary>The API operation (OpenAPI operationId, or "login").</summary>
    public string Operation { get; }

    public CloudErrorKind Kind { get; }

    /// <summary>The HTTP status, or null when no response arrived (timeout, network, local rate limit, credentials).</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The machine-readable <c>code</c> of the cloud's error body, when it sent one.</summary>
    public string? Code { get; }

    /// <summary>The cloud's human-readable <c>message</c> (or what went wrong locally).</summary>
    public string? ServerMessage { get; }

    /// <summary>How long the cloud asked us to wait (Retry-After), when it said so.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Set only for deleteProject's 409: the counts of resources that block the deletion.</summary>
    public ProjectResourceCounts? ProjectDeletionConflict { get; }

    private static string Describe(string operation, HttpStatusCode? statusCode, string? code, string? serverMessage)
    {
        var status = statusCode is { } s ? $" returned {(int)s}" : " failed";
        var codePart = string.IsNullOrEmpty(code) ? string.Empty : $" ({code})";
        var messagePart = string.IsNullOrEmpty(serverMessage) ? string.Empty : $": {serverMessage}";
        return $"NeevCloud {operation}{status}{codePart}{messagePart}";
    }
}

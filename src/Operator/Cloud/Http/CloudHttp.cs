using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using NeevCloud.Operator.Runtime;
using Polly.RateLimiting;
using Polly.Timeout;

namespace NeevCloud.Operator.Cloud;

/// <summary>
/// Sends one API operation through a named client and returns its typed answer or throws
/// <see cref="NeevCloudApiException"/>; the one place where HTTP outcomes become the client's error model.
/// Before anything is sent, three process-wide gates are passed: the <see cref="WriteFence"/> (for calls that
/// change the cloud), the <see cref="RetryAfterPause"/> after a 429, and the <see cref="CredentialBreaker"/>
/// after a refused token.
/// </summary>
internal sealed class CloudHttp(
    IHttpClientFactory httpClientFactory,
    WriteFence fence,
    RetryAfterPause pause,
    CredentialBreaker breaker,
    IOptions<NeevCloudOptions> options,
    TimeProvider time)
{
    private static readonly MediaTypeHeaderValue _json = new("application/json");

    public async Task<TResponse> SendAsync<TResponse>(
        string clientName,
        CloudOperation operation,
        string path,
        byte[]? body,
        ITokenProvider? tokens,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken)
    {
        using var response = await SendAsync(clientName, operation, path, body, tokens, cancellationToken);
        try
        {
            return await response.Content.ReadFromJsonAsync(responseType, cancellationToken)
                ?? throw new JsonException("The body is empty or null.");
        }
        catch (JsonException ex)
        {
            throw new NeevCloudApiException(
                operation.Name, CloudErrorKind.Unexpected, response.StatusCode, null,
                $"The {typeof(TResponse).Name} in the response could not be read: {ex.Message}", innerException: ex);
        }
    }

    /// <summary>
    /// Sends the operation and returns the successful response (the caller disposes it). With a token provider,
    /// a 401 is answered once with a renewed token: the rejected request did nothing, so repeating it is safe
    /// even for a create.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(
        string clientName,
        CloudOperation operation,
        string path,
        byte[]? body,
        ITokenProvider? tokens,
        CancellationToken cancellationToken)
    {
        if (operation.Mutates)
        {
            fence.ThrowIfClosed(operation.Name);
        }

        await pause.WaitAsync(operation.Name, options.Value.Retry.MaxRetryAfter, cancellationToken);
        var client = httpClientFactory.CreateClient(clientName);
        var token = tokens is null ? null : await tokens.GetTokenAsync(cancellationToken);
        if (breaker.Check(operation.Name, token) is { } refused)
        {
            throw refused;
        }

        var response = await SendOnceAsync(client, operation, path, body, token, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized && tokens is not null && token is not null
            && await tokens.RenewAsync(token, cancellationToken) is { } renewed && renewed != token)
        {
            response.Dispose();
            token = renewed;
            response = await SendOnceAsync(client, operation, path, body, renewed, cancellationToken);
        }

        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            breaker.Refused(token);
        }
        else
        {
            breaker.Accepted();
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await CloudErrorMapper.FromResponseAsync(operation.Name, response, time, cancellationToken);
        }
    }

    private static async Task<HttpResponseMessage> SendOnceAsync(
        HttpClient client, CloudOperation operation, string path, byte[]? body, string? token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(operation.Method, new Uri(path, UriKind.Relative));
        request.Options.Set(CloudRequestOptions.Operation, operation.Name);
        request.Options.Set(CloudRequestOptions.Retryable, operation.Retryable);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(body) { Headers = { ContentType = _json } };
        }

        try
        {
            return await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TimeoutRejectedException ex)
        {
            throw Failure(operation, CloudErrorKind.Transient, $"No answer within {ex.Timeout.TotalSeconds:0.###} s.", ex);
        }
        catch (RateLimiterRejectedException ex)
        {
            throw new NeevCloudApiException(
                operation.Name, CloudErrorKind.RateLimited, null, null,
                "The operator's queue of NeevCloud requests is full; try again later.", ex.RetryAfter, innerException: ex);
        }
        catch (HttpRequestException ex)
        {
            throw Failure(operation, CloudErrorKind.Transient, $"The request did not complete: {ex.Message}", ex);
        }
        catch (OperationCanceledException ex)
        {
            throw Failure(operation, CloudErrorKind.Transient, "The request timed out.", ex);
        }
    }

    private static NeevCloudApiException Failure(CloudOperation operation, CloudErrorKind kind, string message, Exception inner) =>
        new(operation.Name, kind, null, null, message, innerException: inner);
}

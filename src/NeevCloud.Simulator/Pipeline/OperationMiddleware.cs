using Microsoft.Net.Http.Headers;
using NeevCloud.Simulator.Calls;
using NeevCloud.Simulator.Contracts;
using NeevCloud.Simulator.Domain;
using NeevCloud.Simulator.Endpoints;
using NeevCloud.Simulator.Faults;
using NeevCloud.Simulator.Json;

namespace NeevCloud.Simulator.Pipeline;

/// <summary>
/// Wraps every request routed to an API operation: fault rules first (latency, then an injected status or a lost
/// response), then the bearer token, then the operation itself; finally the call is counted under the status the
/// client saw (0 when the client went away first). Admin and unknown routes pass straight through.
/// </summary>
internal sealed class OperationMiddleware(
    RequestDelegate next,
    FaultInjector faults,
    CallCounter calls,
    BearerToken token,
    SimulatorOptions options,
    ILogger<OperationMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ApiOperation>() is not { } operation)
        {
            await next(context);
            return;
        }

        var status = 0;
        try
        {
            status = await HandleAsync(context, operation);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            status = 0;
        }
        finally
        {
            calls.Record(operation.OperationId, status);
        }
    }

    private async Task<int> HandleAsync(HttpContext context, ApiOperation operation)
    {
        var fault = faults.Decide(operation.OperationId);
        if (fault is { CommitAfter: var commitAfter } && commitAfter > TimeSpan.Zero)
        {
            return await CommitLateAsync(context, operation, commitAfter);
        }

        if (fault is { Latency: var latency } && latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, context.RequestAborted);
        }

        if (fault is { Status: int injected, LostResponse: false })
        {
            if (fault.RetryAfterSeconds is int seconds)
            {
                context.Response.Headers[HeaderNames.RetryAfter] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return await WriteErrorAsync(context, injected, ErrorCodes.InjectedFault, $"Simulated fault: {operation.OperationId} answered {injected}.");
        }

        if (operation.RequiresToken && token.Reject(context.Request) is { } reason)
        {
            context.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
            return await WriteErrorAsync(context, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, reason);
        }

        if (fault?.LostResponse == true)
        {
            await ExecuteAndDropAsync(context);
            if (options.LostResponseAbortsConnection)
            {
                context.Abort();
                return 0;
            }

            return await WriteErrorAsync(
                context, fault.Status ?? StatusCodes.Status502BadGateway, ErrorCodes.BadGateway,
                $"Simulated lost response: {operation.OperationId} was executed but its answer was dropped.");
        }

        return await ExecuteAsync(context, operation);
    }

    /// <summary>
    /// What a real server does with a request it has received but is slow to commit: the request (body included)
    /// is in, the client may give up, and the change is made anyway once its time comes. A client still waiting
    /// gets the answer; one that left is counted under 0, as any client that went away first.
    /// </summary>
    private async Task<int> CommitLateAsync(HttpContext context, ApiOperation operation, TimeSpan commitAfter)
    {
        context.Request.EnableBuffering();
        await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
        context.Request.Body.Position = 0;
        var client = context.RequestAborted;
        context.RequestAborted = CancellationToken.None;
        await Task.Delay(commitAfter, CancellationToken.None);

        if (operation.RequiresToken && token.Reject(context.Request) is { } reason)
        {
            return client.IsCancellationRequested
                ? 0
                : await WriteErrorAsync(context, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, reason);
        }

        if (client.IsCancellationRequested)
        {
            await ExecuteAndDropAsync(context);
            return 0;
        }

        return await ExecuteAsync(context, operation);
    }

    private async Task<int> ExecuteAsync(HttpContext context, ApiOperation operation)
    {
        try
        {
            await next(context);
            return context.Response.StatusCode;
        }
        catch (Exception exception) when (exception is not OperationCanceledException && !context.Response.HasStarted)
        {
            logger.LogError(exception, "{Operation} failed", operation.OperationId);
            return await WriteErrorAsync(context, StatusCodes.Status500InternalServerError, ErrorCodes.InternalError, "The simulator failed to handle the request.");
        }
    }

    /// <summary>Runs the operation into a buffer that is thrown away: the change is made, its answer never sent.</summary>
    private async Task ExecuteAndDropAsync(HttpContext context)
    {
        var original = context.Response.Body;
        await using var sink = new MemoryStream();
        context.Response.Body = sink;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
            context.Response.Clear();
        }
    }

    private static async Task<int> WriteErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(new ErrorResponse(code, message), SimulatorJson.Options, context.RequestAborted);
        return status;
    }
}

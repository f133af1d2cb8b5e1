using NeevCloud.Simulator.Contracts;
using NeevCloud.Simulator.Endpoints;

namespace NeevCloud.Simulator.Admin;

/// <summary>The admin API has no token: it answers only callers on this machine (loopback), anyone else gets 403.</summary>
internal sealed class LoopbackOnlyFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var remote = context.HttpContext.Connection.RemoteIpAddress;
        if (remote is null || !System.Net.IPAddress.IsLoopback(remote))
        {
            return ApiResults.Json(new ErrorResponse("forbidden", "The simulator's admin API answers loopback callers only."), StatusCodes.Status403Forbidden);
        }

        return await next(context);
    }
}

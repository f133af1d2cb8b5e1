using System.Text.Json;
using NeevCloud.Simulator.Domain;
using NeevCloud.Simulator.Json;

namespace NeevCloud.Simulator.Endpoints;

/// <summary>
/// Reads a JSON body by hand, so that a bad one is answered with the API's ErrorResponse (naming the JSON path)
/// rather than ASP.NET Core's problem details. Unknown properties are ignored.
/// </summary>
internal static class RequestBody
{
    public static async Task<Outcome<T>> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, SimulatorJson.Options, request.HttpContext.RequestAborted);
            return body is null ? Failure.BadRequest("The request body is required.") : body;
        }
        catch (JsonException exception)
        {
            var at = string.IsNullOrEmpty(exception.Path) || exception.Path == "$" ? "the request body" : exception.Path[2..];
            var problem = exception.Path is null ? "is not valid JSON" : "has a value of the wrong type or is not valid JSON";
            return Failure.BadRequest($"{at}: {problem}.");
        }
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace NeevCloud.Simulator.Tests.Infrastructure;

/// <summary>Is a response one that docs/api documents for its operation: a listed status, and a body that fits?</summary>
internal static class ContractVerifier
{
    public static IReadOnlyList<string> Check(ContractOperation operation, int status, string? mediaType, string body)
    {
        var code = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Operation.Responses is not { } responses || !responses.TryGetValue(code, out var response))
        {
            return [$"{operation.OperationId} answered {status}, which docs/api does not list"];
        }

        if (response.Content is not { Count: > 0 } content)
        {
            return body.Length == 0 ? [] : [$"{operation.OperationId} {status} has a body, but docs/api lists none"];
        }

        if (mediaType is null || !content.TryGetValue(mediaType, out var media) || media.Schema is not { } schema)
        {
            return [$"{operation.OperationId} {status} answered content type '{mediaType}', not one docs/api lists"];
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(body);
        }
        catch (JsonException exception)
        {
            return [$"{operation.OperationId} {status} body is not JSON: {exception.Message}"];
        }

        return [.. SchemaChecker.Check(schema, node).Select(p => $"{operation.OperationId} {status}: {p}")];
    }
}

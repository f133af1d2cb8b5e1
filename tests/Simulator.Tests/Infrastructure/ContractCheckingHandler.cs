using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace NeevCloud.Simulator.Tests.Infrastructure;

/// <summary>
/// Sits in every test client: each answer to an API operation is checked against docs/api and a mismatch fails the
/// test. Answers made by injected faults (codes simulated_fault and bad_gateway) are outside the contract by design
/// and are skipped. Records each (operation, status) it checked.
/// </summary>
internal sealed class ContractCheckingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private static readonly string[] _faultCodes = ["simulated_fault", "bad_gateway"];

    public ConcurrentBag<(string Operation, int Status)> Checked { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (ContractDocuments.Instance.Find(request.Method, request.RequestUri!.AbsolutePath) is not { } operation)
        {
            return response;
        }

        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (IsInjectedFault(body))
        {
            return response;
        }

        var problems = ContractVerifier.Check(operation, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
        if (problems.Count > 0)
        {
            throw new ContractViolationException(
                $"{request.Method} {request.RequestUri.AbsolutePath} broke docs/api:\n  {string.Join("\n  ", problems)}\nBody: {body}");
        }

        Checked.Add((operation.OperationId, (int)response.StatusCode));
        return response;
    }

    private static bool IsInjectedFault(string body)
    {
        try
        {
            return body.Length > 0 && JsonNode.Parse(body) is JsonObject obj && obj["code"]?.GetValue<string>() is { } code && _faultCodes.Contains(code);
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace NeevCloud.Simulator.Tests.Infrastructure;

/// <summary>A response read whole: status, headers and the JSON body (null when there is none).</summary>
internal sealed record ApiResponse(HttpStatusCode Status, JsonNode? Body, HttpResponseHeaders Headers, string RawBody)
{
    public int Code => (int)Status;

    public JsonNode Json => Body ?? throw new InvalidOperationException($"The {Code} answer has no JSON body.");

    public string? ErrorCode => Body?["code"]?.GetValue<string>();

    public string ErrorMessage => Body?["message"]?.GetValue<string>() ?? string.Empty;

    public string Id => Json["id"]!.GetValue<string>();

    /// <summary>The body's <c>status</c> field (a VM's or disk's lifecycle status).</summary>
    public string? State => Body?["status"]?.GetValue<string>();

    public string? Field(string name) => Body?[name]?.GetValue<string>();

    public override string ToString() => $"{Code} {RawBody}";
}

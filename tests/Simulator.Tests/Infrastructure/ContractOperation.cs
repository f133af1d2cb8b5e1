using System.Text.RegularExpressions;
using Microsoft.OpenApi;

namespace NeevCloud.Simulator.Tests.Infrastructure;

/// <summary>One operation of docs/api, with the absolute path pattern it answers on the simulator.</summary>
internal sealed record ContractOperation(string Service, string PathTemplate, HttpMethod Method, OpenApiOperation Operation, Regex PathPattern)
{
    public string OperationId => Operation.OperationId!;
}

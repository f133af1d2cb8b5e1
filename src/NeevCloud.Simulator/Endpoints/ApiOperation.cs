namespace NeevCloud.Simulator.Endpoints;

/// <summary>Endpoint metadata: which API operation a route is, and whether it needs the bearer token.</summary>
internal sealed record ApiOperation(string OperationId, bool RequiresToken = true);

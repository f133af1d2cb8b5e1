namespace NeevCloud.Simulator.Contracts;

/// <summary>SuccessResponse: the 200 body of deleteProject.</summary>
internal sealed record SuccessResponse(string Message);

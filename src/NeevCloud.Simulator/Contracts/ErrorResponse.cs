namespace NeevCloud.Simulator.Contracts;

/// <summary>ErrorResponse of both services.</summary>
internal sealed record ErrorResponse(string Code, string Message);

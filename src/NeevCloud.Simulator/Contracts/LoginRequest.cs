namespace NeevCloud.Simulator.Contracts;

/// <summary>The body of <c>POST /api/v1/auth/login</c>.</summary>
internal sealed record LoginRequest(string? Email, string? Password);

namespace NeevCloud.Simulator.Contracts;

/// <summary>The answer of login: only <c>access_token</c> is confirmed by the vendor's reference, so only it is sent.</summary>
internal sealed record LoginResponse(string AccessToken);

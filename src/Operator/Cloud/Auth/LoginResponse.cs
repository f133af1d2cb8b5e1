namespace NeevCloud.Operator.Cloud;

/// <summary>
/// The answer of <c>POST /api/v1/auth/login</c>. Only <c>access_token</c> is documented; <c>expires_in</c>
/// (seconds), when sent, lets the operator log in again before the token runs out.
/// </summary>
internal sealed record LoginResponse(string AccessToken, int? ExpiresIn)
{
    public override string ToString() => $"{nameof(LoginResponse)} {{ AccessToken = ***, ExpiresIn = {ExpiresIn} }}";
}

namespace NeevCloud.Operator.Cloud;

/// <summary>The body of <c>POST /api/v1/auth/login</c> (the console's credentials).</summary>
internal sealed record LoginRequest(string Email, string Password)
{
    public override string ToString() => $"{nameof(LoginRequest)} {{ Email = {Email}, Password = *** }}";
}

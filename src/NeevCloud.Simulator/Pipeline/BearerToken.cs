using System.Security.Cryptography;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace NeevCloud.Simulator.Pipeline;

/// <summary>Checks <c>Authorization: Bearer &lt;token&gt;</c> against the one accepted token, in constant time.</summary>
internal sealed class BearerToken(SimulatorOptions options)
{
    private readonly byte[] _expected = Encoding.UTF8.GetBytes(options.EffectiveToken);

    /// <summary>Null when the request carries the token, else why not (never echoing what was sent).</summary>
    public string? Reject(HttpRequest request)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        const string Scheme = "Bearer ";
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return "Missing bearer token: send Authorization: Bearer <access_token>.";
        }

        var presented = Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(presented, _expected) ? null : "The access token is invalid or expired.";
    }
}

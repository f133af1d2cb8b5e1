using System.Text.Json;
using Microsoft.Extensions.Options;

namespace NeevCloud.Operator.Cloud;

/// <summary>
/// Tokens from <c>POST /api/v1/auth/login</c> with <c>NeevCloud:Email</c> and the password in
/// <c>NeevCloud:PasswordFile</c> (read at each login, so a rotated password is picked up). The token is cached and
/// obtained again when it expires or when the API rejects it; concurrent callers share one login.
/// </summary>
internal sealed class LoginTokenProvider(CloudHttp http, IOptions<NeevCloudOptions> options, TimeProvider time)
    : ITokenProvider, IDisposable
{
    private const string LoginPath = "api/v1/auth/login";

    // Log in again this long before the announced expiry, so a token does not die mid-call.
    private static readonly TimeSpan _expiryMargin = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _loginGate = new(1, 1);
    private volatile Session? _session;

    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_session is { } session && session.IsValidAt(time.GetUtcNow()))
        {
            return session.Token;
        }

        return await LoginOnceAsync(current => current is not null && current.IsValidAt(time.GetUtcNow()), cancellationToken);
    }

    public async ValueTask<string?> RenewAsync(string rejectedToken, CancellationToken cancellationToken) =>
        await LoginOnceAsync(current => current is not null && current.Token != rejectedToken, cancellationToken);

    public void Dispose() => _loginGate.Dispose();

    public override string ToString() => nameof(LoginTokenProvider);

    /// <summary>Logs in unless, once inside the gate, another caller has already produced a usable session.</summary>
    private async Task<string> LoginOnceAsync(Func<Session?, bool> isUsable, CancellationToken cancellationToken)
    {
        await _loginGate.WaitAsync(cancellationToken);
        try
        {
            if (_session is { } session && isUsable(session))
            {
                return session.Token;
            }

            var settings = options.Value;
            var password = (await File.ReadAllTextAsync(settings.PasswordFile!, cancellationToken)).Trim();
            var body = JsonSerializer.SerializeToUtf8Bytes(
                new LoginRequest(settings.Email!, password), NeevCloudJsonContext.Default.LoginRequest);
            var response = await http.SendAsync(
                NeevCloudHttpClientNames.Login, CloudOperations.Login, LoginPath, body, tokens: null,
                NeevCloudJsonContext.Default.LoginResponse, cancellationToken);
            if (string.IsNullOrWhiteSpace(response.AccessToken))
            {
                throw new NeevCloudApiException(
                    CloudOperations.Login.Name, CloudErrorKind.Unauthorized, null, null, "The login answer holds no access_token.");
            }

            var expiresAt = response.ExpiresIn is int seconds and > 0
                ? ExpiryOf(TimeSpan.FromSeconds(seconds))
                : DateTimeOffset.MaxValue;
            _session = new Session(response.AccessToken, expiresAt);
            return response.AccessToken;
        }
        finally
        {
            _loginGate.Release();
        }
    }

    private DateTimeOffset ExpiryOf(TimeSpan lifetime) =>
        time.GetUtcNow() + lifetime - (lifetime / 2 < _expiryMargin ? lifetime / 2 : _expiryMargin);

    private sealed record Session(string Token, DateTimeOffset ExpiresAt)
    {
        public bool IsValidAt(DateTimeOffset now) => now < ExpiresAt;

        public override string ToString() => $"{nameof(Session)} {{ Token = ***, ExpiresAt = {ExpiresAt:O} }}";
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace NeevCloud.Operator.Tests.Cloud;

/// <summary>
/// A minimal Tenant API for what the simulator cannot do on demand: reject a token that it issued itself.
/// Login returns tok-1, tok-2, …; getProject accepts only <see cref="AcceptedToken"/>.
/// </summary>
internal sealed class StubLoginApi : HttpMessageHandler
{
    public const string Email = "ops@example.com";
    public const string Password = "correct horse battery staple";
    private const string LoginPath = "/tenant/api/v1/auth/login";

    private int _logins;
    private int _projectCalls;

    public string AcceptedToken { get; set; } = "tok-1";

    public int? ExpiresInSeconds { get; set; }

    public int Logins => _logins;

    public int ProjectCalls => _projectCalls;

    public ConcurrentBag<string> PasswordsSeen { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri!.AbsolutePath == LoginPath && request.Method == HttpMethod.Post)
        {
            using var body = JsonDocument.Parse(await request.Content!.ReadAsStringAsync(cancellationToken));
            PasswordsSeen.Add(body.RootElement.GetProperty("password").GetString()!);
            var accepted = body.RootElement.GetProperty("email").GetString() == Email;
            var number = accepted ? Interlocked.Increment(ref _logins) : 0;
            return accepted
                ? Json(HttpStatusCode.OK, new { access_token = $"tok-{number}", token_type = "bearer", expires_in = ExpiresInSeconds })
                : Json(HttpStatusCode.Unauthorized, new { code = "invalid_credentials", message = "wrong email or password" });
        }

        Interlocked.Increment(ref _projectCalls);
        return request.Headers.Authorization?.Parameter == AcceptedToken
            ? Json(HttpStatusCode.OK, new { id = "p-1", name = "research", status = "active" })
            : Json(HttpStatusCode.Unauthorized, new { code = "unauthorized", message = "invalid or expired token" });
    }

    private static HttpResponseMessage Json(HttpStatusCode status, object body) =>
        new(status) { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };
}

using System.Security.Cryptography;
using System.Text;
using NeevCloud.Simulator.Contracts;
using NeevCloud.Simulator.Domain;

namespace NeevCloud.Simulator.Endpoints;

/// <summary>
/// <c>POST /tenant/api/v1/auth/login</c>: the console's e-mail and password for the bearer token. As the vendor
/// documents: 400 for a missing field, 404 for an unknown e-mail, 401 for a wrong password.
/// </summary>
internal static class AuthEndpoints
{
    public static void Map(IEndpointRouteBuilder tenant) =>
        tenant.MapPost("/auth/login", LoginAsync).WithMetadata(new ApiOperation(ApiOperations.Login, RequiresToken: false));

    private static async Task<IResult> LoginAsync(HttpRequest request, SimulatorOptions options)
    {
        var body = await RequestBody.ReadAsync<LoginRequest>(request);
        if (body.Failure is { } failure)
        {
            return ApiResults.Error(failure);
        }

        var (email, password) = (body.Value!.Email, body.Value.Password);
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            return ApiResults.Error(Failure.BadRequest("email and password are required."));
        }

        if (!string.Equals(email.Trim(), options.Email, StringComparison.OrdinalIgnoreCase))
        {
            return ApiResults.Error(Failure.NotFound("No user has that e-mail address."));
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(password), Encoding.UTF8.GetBytes(options.Password)))
        {
            return ApiResults.Error(new Failure(401, ErrorCodes.Unauthorized, "Invalid email or password."));
        }

        return ApiResults.Json(new LoginResponse(options.EffectiveToken));
    }
}

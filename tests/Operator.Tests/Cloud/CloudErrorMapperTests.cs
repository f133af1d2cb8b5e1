using System.Net;
using NeevCloud.Operator.Cloud;

namespace NeevCloud.Operator.Tests.Cloud;

/// <summary>The full status table, including codes the simulator cannot inject (403, 408, 410, 422).</summary>
public sealed class CloudErrorMapperTests
{
    [Theory]
    [InlineData(400, CloudErrorKind.Validation)]
    [InlineData(422, CloudErrorKind.Validation)]
    [InlineData(401, CloudErrorKind.Unauthorized)]
    [InlineData(403, CloudErrorKind.Forbidden)]
    [InlineData(404, CloudErrorKind.NotFound)]
    [InlineData(410, CloudErrorKind.NotFound)]
    [InlineData(409, CloudErrorKind.Conflict)]
    [InlineData(429, CloudErrorKind.RateLimited)]
    [InlineData(408, CloudErrorKind.Transient)]
    [InlineData(500, CloudErrorKind.Transient)]
    [InlineData(504, CloudErrorKind.Transient)]
    [InlineData(418, CloudErrorKind.Unexpected)]
    public void Status_maps_to_its_kind(int status, CloudErrorKind expected) =>
        Assert.Equal(expected, CloudErrorMapper.KindOf((HttpStatusCode)status));

    [Fact]
    public async Task A_non_json_error_body_keeps_a_short_excerpt_as_the_message()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.BadGateway)
        {
            Content = new StringContent("<html>upstream unavailable</html>" + new string(' ', 500) + "tail"),
        };

        var error = await CloudErrorMapper.FromResponseAsync("getVM", response, TimeProvider.System, TestContext.Current.CancellationToken);

        Assert.Equal((CloudErrorKind.Transient, (string?)null), (error.Kind, error.Code));
        Assert.StartsWith("<html>upstream unavailable</html>", error.ServerMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("tail", error.ServerMessage, StringComparison.Ordinal);
    }
}

using NeevCloud.Operator.Cloud;

namespace NeevCloud.Operator.Tests.Cloud;

public sealed class TokenFileTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_rotated_token_file_is_picked_up_without_a_restart()
    {
        var tokenFile = _directory.File("token");
        await File.WriteAllTextAsync(tokenFile, "tok-expired-long-ago", Ct);
        await using var cloud = await SimulatedCloud.StartAsync(new Dictionary<string, string?>
        {
            ["NeevCloud:Token"] = null,
            ["NeevCloud:TokenFile"] = tokenFile,
        });

        var rejected = await Assert.ThrowsAsync<NeevCloudApiException>(() => cloud.CreateProjectAsync("p"));
        Assert.Equal(CloudErrorKind.Unauthorized, rejected.Kind);

        await File.WriteAllTextAsync(tokenFile, cloud.Simulator.Token + "\n", Ct);

        Assert.Equal("p", (await cloud.CreateProjectAsync("p")).Name);
    }

    public void Dispose() => _directory.Dispose();
}

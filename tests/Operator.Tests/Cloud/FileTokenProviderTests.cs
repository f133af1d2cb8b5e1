using System.Runtime.InteropServices;
using NeevCloud.Operator.Cloud;

namespace NeevCloud.Operator.Tests.Cloud;

public sealed class FileTokenProviderTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_rewritten_token_file_is_used_on_the_next_call()
    {
        var path = _directory.File("token");
        await File.WriteAllTextAsync(path, "token-one\n", Ct);
        var provider = new FileTokenProvider(path);
        Assert.Equal("token-one", await provider.GetTokenAsync(Ct));

        await File.WriteAllTextAsync(path, "token-number-two", Ct);

        Assert.Equal("token-number-two", await provider.GetTokenAsync(Ct));
    }

    [Fact]
    public async Task A_secret_volume_update_by_symlink_swap_is_picked_up()
    {
        // The kubelet's layout: token -> ..data/token, ..data -> ..<timestamp>; an update swaps ..data.
        var provider = new FileTokenProvider(await WriteSecretVolumeAsync("token-aaaa", "..2026_11_23_10_00_00.1"));
        Assert.Equal("token-aaaa", await provider.GetTokenAsync(Ct));

        await WriteSecretVolumeAsync("token-bbbb", "..2026_11_23_10_05_00.2");

        Assert.Equal("token-bbbb", await provider.GetTokenAsync(Ct));
    }

    [Fact]
    public async Task Renewal_after_a_401_offers_a_changed_token_and_nothing_when_the_file_is_unchanged()
    {
        var path = _directory.File("token");
        await File.WriteAllTextAsync(path, "token-one", Ct);
        var provider = new FileTokenProvider(path);

        Assert.Null(await provider.RenewAsync(await provider.GetTokenAsync(Ct), Ct));

        await File.WriteAllTextAsync(path, "token-2", Ct);
        Assert.Equal("token-2", await provider.RenewAsync("token-one", Ct));
    }

    [Fact]
    public async Task An_empty_token_file_is_an_Unauthorized_error()
    {
        var path = _directory.File("token");
        await File.WriteAllTextAsync(path, "  \n", Ct);

        var error = await Assert.ThrowsAsync<NeevCloudApiException>(async () => await new FileTokenProvider(path).GetTokenAsync(Ct));

        Assert.Equal(CloudErrorKind.Unauthorized, error.Kind);
        Assert.Contains("is empty", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    [DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    private static extern int Rename(string oldPath, string newPath);

    private async Task<string> WriteSecretVolumeAsync(string token, string versionDirectory)
    {
        Directory.CreateDirectory(_directory.File(versionDirectory));
        await File.WriteAllTextAsync(Path.Combine(_directory.File(versionDirectory), "token"), token, Ct);

        var newData = _directory.File("..data_tmp");
        File.CreateSymbolicLink(newData, versionDirectory);
        // rename(2) replaces the old link atomically, as the kubelet does; File.Move refuses links to directories.
        Assert.Equal(0, Rename(newData, _directory.File("..data")));

        var tokenLink = _directory.File("token");
        if (!File.Exists(tokenLink))
        {
            File.CreateSymbolicLink(tokenLink, Path.Combine("..data", "token"));
        }

        return tokenLink;
    }
}

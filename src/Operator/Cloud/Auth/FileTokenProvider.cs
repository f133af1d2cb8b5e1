namespace NeevCloud.Operator.Cloud;

/// <summary>
/// The token from <c>NeevCloud:TokenFile</c>. Every call costs one stat; the file is read again only when its
/// stamp changes, so a rotated Secret is used on the next call without a restart.
/// </summary>
internal sealed class FileTokenProvider(string path) : ITokenProvider
{
    private readonly Lock _gate = new();
    private (FileStamp Stamp, string Token)? _cached;

    public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Read(force: false));

    // The kubelet may have swapped the Secret within the stamp's resolution; a 401 is worth one fresh read.
    public ValueTask<string?> RenewAsync(string rejectedToken, CancellationToken cancellationToken)
    {
        var token = Read(force: true);
        return ValueTask.FromResult<string?>(token == rejectedToken ? null : token);
    }

    public override string ToString() => $"{nameof(FileTokenProvider)}({path})";

    private string Read(bool force)
    {
        var stamp = FileStamp.Of(path) ?? throw Unusable($"The token file '{path}' does not exist.");
        lock (_gate)
        {
            if (!force && _cached is { } cached && cached.Stamp == stamp)
            {
                return cached.Token;
            }

            // A few bytes on a local volume, read only when the file changed: not worth an async path.
            var token = File.ReadAllText(path).Trim();
            if (token.Length == 0)
            {
                throw Unusable($"The token file '{path}' is empty.");
            }

            _cached = (stamp, token);
            return token;
        }
    }

    private static NeevCloudApiException Unusable(string message) =>
        new("credentials", CloudErrorKind.Unauthorized, null, null, message);
}

namespace NeevCloud.Operator.Cloud;

/// <summary>A token given directly in configuration (<c>NeevCloud:Token</c>); nothing to renew it from.</summary>
internal sealed class StaticTokenProvider(string token) : ITokenProvider
{
    public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(token);

    public ValueTask<string?> RenewAsync(string rejectedToken, CancellationToken cancellationToken) =>
        ValueTask.FromResult<string?>(null);

    public override string ToString() => nameof(StaticTokenProvider);
}

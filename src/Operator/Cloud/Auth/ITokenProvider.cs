namespace NeevCloud.Operator.Cloud;

/// <summary>Supplies the bearer token for NeevCloud calls.</summary>
internal interface ITokenProvider
{
    ValueTask<string> GetTokenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Called when the API answered 401 to <paramref name="rejectedToken"/>: returns a different token worth one
    /// more try, or null when there is none (the 401 then reaches the caller).
    /// </summary>
    ValueTask<string?> RenewAsync(string rejectedToken, CancellationToken cancellationToken);
}

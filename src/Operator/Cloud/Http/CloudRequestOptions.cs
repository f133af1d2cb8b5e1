namespace NeevCloud.Operator.Cloud;

/// <summary>What the client tells the handler pipeline about a request (nothing secret goes here).</summary>
internal static class CloudRequestOptions
{
    public static readonly HttpRequestOptionsKey<string> Operation = new("NeevCloud.Operation");
    public static readonly HttpRequestOptionsKey<bool> Retryable = new("NeevCloud.Retryable");
}

namespace NeevCloud.Operator.Cloud;

/// <summary>Names of the IHttpClientFactory clients and the key of the shared rate limiter.</summary>
internal static class NeevCloudHttpClientNames
{
    public const string Tenant = "NeevCloud.Tenant";
    public const string Vm = "NeevCloud.Vm";

    /// <summary>Tenant base URL without the bearer token: used only to log in.</summary>
    public const string Login = "NeevCloud.Login";

    public const string RateLimiterKey = "NeevCloud.RateLimiter";
}

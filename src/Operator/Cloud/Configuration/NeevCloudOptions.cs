namespace NeevCloud.Operator.Cloud;

/// <summary>
/// The <c>NeevCloud</c> configuration section. Credentials come from exactly one of <see cref="TokenFile"/>,
/// <see cref="Token"/>, or <see cref="Email"/> + <see cref="PasswordFile"/> (see docs/configuration.md).
/// A class, not a record, so that no generated ToString can print the token.
/// </summary>
public sealed class NeevCloudOptions
{
    public const string SectionName = "NeevCloud";

    public Uri TenantUrl { get; set; } = new("https://api.ai.neevcloud.com/tenant");

    public Uri VmUrl { get; set; } = new("https://api.ai.neevcloud.com/vm");

    /// <summary>The organization used when a Project does not name one.</summary>
    public string? OrganizationId { get; set; }

    /// <summary>
    /// The organizations a Project may name (spec.organizationId). Empty: only <see cref="OrganizationId"/>. The
    /// token is shared by every namespace the operator watches, so this is what keeps a namespace editor from
    /// pointing it at another organization the token can reach.
    /// </summary>
    public IList<string> AllowedOrganizations { get; set; } = [];

    /// <summary>A file holding the bearer token (a mounted Secret); re-read whenever it changes.</summary>
    public string? TokenFile { get; set; }

    /// <summary>The bearer token itself (for local runs; prefer <see cref="TokenFile"/>).</summary>
    public string? Token { get; set; }

    /// <summary>Log in as this user (with <see cref="PasswordFile"/>) to obtain tokens.</summary>
    public string? Email { get; set; }

    public string? PasswordFile { get; set; }

    public NeevCloudRetryOptions Retry { get; set; } = new();

    public NeevCloudTimeoutOptions Timeouts { get; set; } = new();

    public NeevCloudRateLimitOptions RateLimit { get; set; } = new();
}

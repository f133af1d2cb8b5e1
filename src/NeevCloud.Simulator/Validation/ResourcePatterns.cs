using System.Text.RegularExpressions;

namespace NeevCloud.Simulator.Validation;

/// <summary>The API's patterns, anchored with \z so that a trailing newline does not slip through.</summary>
internal static partial class ResourcePatterns
{
    public const int ResourceNameMaxLength = 20;

    /// <summary>ResourceName: a DNS-1123 label.</summary>
    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?\z", RegexOptions.CultureInvariant)]
    public static partial Regex ResourceName();

    /// <summary>CreateVMRequest.ssh_keys items.</summary>
    [GeneratedRegex(@"^(ssh-rsa|ssh-ed25519)\s+[A-Za-z0-9+/]+[=]{0,2}(\s+.*)?\z", RegexOptions.CultureInvariant)]
    public static partial Regex SshPublicKey();
}

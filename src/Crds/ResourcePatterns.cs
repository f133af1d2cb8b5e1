namespace NeevCloud.Crds;

/// <summary>Regular expressions shared by the schemas (Go RE2 syntax, which the API server uses).</summary>
public static class ResourcePatterns
{
    /// <summary>A Kubernetes object name.</summary>
    public const string Dns1123Subdomain = @"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

    /// <summary>The VM API's ResourceName (VM and disk names); the API also caps it at 20 characters.</summary>
    public const string Dns1123Label = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

    /// <summary>The API's <c>format: uuid</c> ids of VMs and disks.</summary>
    public const string Uuid = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

    /// <summary>CreateVMRequest.ssh_keys items: an OpenSSH ssh-rsa or ssh-ed25519 public key.</summary>
    public const string SshPublicKey = @"^(ssh-rsa|ssh-ed25519)\s+[A-Za-z0-9+/]+[=]{0,2}(\s+.*)?$";
}

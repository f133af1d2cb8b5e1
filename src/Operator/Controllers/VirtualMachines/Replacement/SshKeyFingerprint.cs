using System.Security.Cryptography;

namespace NeevCloud.Operator.Controllers.VirtualMachines.Replacement;

/// <summary>
/// An OpenSSH public key's SHA-256 fingerprint as <c>ssh-keygen -l</c> prints it (SHA256:&lt;base64, unpadded&gt;):
/// short enough for a status and a plan, and what users compare keys by. Pure.
/// </summary>
public static class SshKeyFingerprint
{
    public static string Of(string publicKey)
    {
        var parts = publicKey.Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
        byte[] blob;
        try
        {
            blob = parts.Length >= 2 ? Convert.FromBase64String(parts[1]) : System.Text.Encoding.UTF8.GetBytes(publicKey);
        }
        catch (FormatException)
        {
            // Not a key the CRD's pattern would let through; a stable fingerprint of the text still tells keys apart.
            blob = System.Text.Encoding.UTF8.GetBytes(publicKey);
        }

        return "SHA256:" + Convert.ToBase64String(SHA256.HashData(blob)).TrimEnd('=');
    }

    public static List<string> Of(IEnumerable<string>? publicKeys) => [.. (publicKeys ?? []).Select(Of)];
}

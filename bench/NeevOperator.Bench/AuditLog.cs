using System.Text;
using System.Text.Json;

namespace NeevOperator.Bench;

/// <summary>
/// The operator's requests in the API server's audit log (hack/control-plane.sh with NEEV_CP_AUDIT=1),
/// counted by "verb resource[/subresource]": exact Kubernetes API cost, whatever the watch coalesces.
/// </summary>
internal sealed class AuditLog(string path)
{
    /// <summary>The identity of operator.kubeconfig (hack/control-plane.sh makes its certificate).</summary>
    public const string OperatorUser = "system:serviceaccount:neev-system:neev-operator";

    private static readonly string[] Writes = ["create", "update", "patch", "delete", "deletecollection"];

    private long _offset;

    public static bool IsWrite(string verbAndResource) => Writes.Contains(verbAndResource.Split(' ')[0]);

    /// <summary>Forgets what the log holds so far.</summary>
    public void SkipToEnd() => _offset = File.Exists(path) ? new FileInfo(path).Length : 0;

    /// <summary>The operator's requests logged since the last call.</summary>
    public Dictionary<string, long> ReadNew()
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return counts;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(_offset, SeekOrigin.Begin);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var consumed = _offset;
        while (reader.ReadLine() is { } line)
        {
            // A line still being written has no end yet: leave it for the next call.
            if (!line.EndsWith('}'))
            {
                break;
            }

            consumed += Encoding.UTF8.GetByteCount(line) + 1;
            if (!line.Contains(OperatorUser, StringComparison.Ordinal) || !line.Contains("\"ResponseComplete\"", StringComparison.Ordinal))
            {
                continue;
            }

            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (root.GetProperty("user").GetProperty("username").GetString() != OperatorUser)
            {
                continue;
            }

            var resource = root.TryGetProperty("objectRef", out var objectRef) && objectRef.TryGetProperty("resource", out var r) ? r.GetString() : "(none)";
            if (objectRef.ValueKind == JsonValueKind.Object && objectRef.TryGetProperty("subresource", out var sub))
            {
                resource += "/" + sub.GetString();
            }

            var key = $"{root.GetProperty("verb").GetString()} {resource}";
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        _offset = consumed;
        return counts;
    }
}

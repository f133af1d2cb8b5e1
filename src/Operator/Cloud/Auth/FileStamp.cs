namespace NeevCloud.Operator.Cloud;

/// <summary>
/// What identifies one version of a file without reading it. Kubernetes updates a mounted Secret by writing a new
/// timestamped directory and swapping the <c>..data</c> directory link to it, so the stamp is taken of the real
/// path with every link (file or directory) resolved: a swap changes the path even when size and mtime match.
/// </summary>
internal readonly record struct FileStamp(string RealPath, DateTime LastWriteUtc, long Length)
{
    // Like the kernel's ELOOP limit: a link cycle must not hang the caller.
    private const int MaxLinkHops = 40;

    /// <summary>The current stamp, or null when the file does not exist.</summary>
    public static FileStamp? Of(string path)
    {
        var file = new FileInfo(RealPathOf(path));
        return file.Exists ? new FileStamp(file.FullName, file.LastWriteTimeUtc, file.Length) : null;
    }

    private static string RealPathOf(string path)
    {
        var current = Path.GetFullPath(path);
        for (var hop = 0; hop < MaxLinkHops; hop++)
        {
            if (FirstLink(current) is not { } link)
            {
                return current;
            }

            current = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(link.Path) ?? "/", link.Target, link.Remainder));
        }

        return current;
    }

    /// <summary>The first component of <paramref name="fullPath"/> that is a link, its target and the path after it.</summary>
    private static (string Path, string Target, string Remainder)? FirstLink(string fullPath)
    {
        var root = Path.GetPathRoot(fullPath) ?? "/";
        var parts = fullPath[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var prefix = root;
        for (var i = 0; i < parts.Length; i++)
        {
            prefix = Path.Combine(prefix, parts[i]);
            if (new FileInfo(prefix).LinkTarget is { } target)
            {
                return (prefix, target, Path.Combine(parts[(i + 1)..]));
            }
        }

        return null;
    }
}

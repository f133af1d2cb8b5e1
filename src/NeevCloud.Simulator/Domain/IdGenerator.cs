namespace NeevCloud.Simulator.Domain;

/// <summary>Mints version-4 UUIDs: from a seeded generator when a seed is configured (reproducible runs), else random.</summary>
internal sealed class IdGenerator(int? seed)
{
    private readonly Random? _random = seed is int s ? new Random(s) : null;

    /// <summary>Not thread-safe: called under the store's lock.</summary>
    public Guid Next()
    {
        if (_random is null)
        {
            return Guid.NewGuid();
        }

        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 (byte 7 of the little-endian layout holds the version nibble)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }
}

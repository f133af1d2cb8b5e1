using System.Net;

namespace NeevCloud.Simulator.Domain;

/// <summary>
/// Public IPs from 198.18.0.0/15, the range RFC 2544 sets aside for benchmarks: plausible, never routable to a real
/// host, and 131,072 addresses (x.x.x.0 and x.x.x.255 are skipped). Addresses are handed out in order and not reused.
/// </summary>
internal sealed class PublicIpPool
{
    private const uint First = (198u << 24) | (18u << 16);
    private const uint Size = 1u << 17;
    private uint _next;

    public string Allocate()
    {
        while (true)
        {
            var address = First + (_next++ % Size);
            var last = address & 0xFF;
            if (last is not 0 and not 255)
            {
                return new IPAddress([(byte)(address >> 24), (byte)(address >> 16), (byte)(address >> 8), (byte)last]).ToString();
            }
        }
    }

    public void Reset() => _next = 0;
}

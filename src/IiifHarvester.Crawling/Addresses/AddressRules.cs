using System.Net;
using System.Net.Sockets;

namespace IiifHarvester.Crawling.Addresses;

/// <summary>
/// Which IP addresses a crawler fed by untrusted documents must not reach unless a source allows it: loopback,
/// private (RFC 1918), carrier-grade NAT, link-local (cloud metadata at 169.254.169.254), unique-local, multicast,
/// unspecified and reserved ranges, also when wrapped in IPv4-mapped, NAT64 or 6to4 IPv6 addresses.
/// </summary>
public static class AddressRules
{
    /// <summary>True when <paramref name="address"/> lies in a range the crawler refuses by default.</summary>
    public static bool IsRestricted(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return IsRestrictedV4(address.MapToIPv4());
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return IsRestrictedV4(address);
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return true;
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6None) || address.IsIPv6LinkLocal
            || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal)
        {
            return true;
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);

        // IPv4-compatible (::a.b.c.d, deprecated) and NAT64 (64:ff9b::/96) addresses carry an IPv4 address in the last
        // four bytes; 6to4 (2002::/16) in bytes 2-5. Judge the embedded address.
        if (bytes[..12].IndexOfAnyExcept((byte)0) < 0)
        {
            return IsRestrictedV4(new IPAddress(bytes[12..]));
        }

        if (bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == 0xff && bytes[3] == 0x9b && bytes[4..12].IndexOfAnyExcept((byte)0) < 0)
        {
            return IsRestrictedV4(new IPAddress(bytes[12..]));
        }

        if (bytes[0] == 0x20 && bytes[1] == 0x02)
        {
            return IsRestrictedV4(new IPAddress(bytes[2..6]));
        }

        return false;
    }

    private static bool IsRestrictedV4(IPAddress address)
    {
        Span<byte> b = stackalloc byte[4];
        address.TryWriteBytes(b, out _);
        return b[0] switch
        {
            0 => true,                                  // "this network"
            10 => true,                                 // RFC 1918
            100 => b[1] is >= 64 and <= 127,            // RFC 6598 carrier-grade NAT
            127 => true,                                // loopback
            169 => b[1] == 254,                         // link-local, cloud metadata
            172 => b[1] is >= 16 and <= 31,             // RFC 1918
            192 => (b[1] == 168) || (b[1] == 0 && b[2] == 0) || (b[1] == 0 && b[2] == 2), // RFC 1918, IETF, TEST-NET-1
            198 => b[1] is 18 or 19 || (b[1] == 51 && b[2] == 100), // benchmarking, TEST-NET-2
            203 => b[1] == 0 && b[2] == 113,            // TEST-NET-3
            >= 224 => true,                             // multicast, reserved, broadcast
            _ => false,
        };
    }
}

using System.Security.Cryptography;
using System.Text;

namespace IiifHarvester.Images.Registry;

/// <summary>
/// The stable short key of an image service: the same after a restart, a reindex or on another node.
/// </summary>
public static class ImageServiceKey
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>
    /// Lowercase base32 (RFC 4648 alphabet, no padding) of the first 10 bytes of SHA-256 over the UTF-8 service id,
    /// with any trailing <c>/info.json</c> and <c>/</c> removed, so both published spellings share one key.
    /// </summary>
    public static string For(string serviceId)
    {
        ArgumentNullException.ThrowIfNull(serviceId);
        var id = Normalize(serviceId);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(id), hash);
        return Base32(hash[..10]);
    }

    /// <summary>The service id without a trailing <c>/info.json</c> or <c>/</c>.</summary>
    public static string Normalize(string serviceId)
    {
        ArgumentNullException.ThrowIfNull(serviceId);
        var id = serviceId.Trim();
        var changed = true;
        while (changed)
        {
            changed = false;
            if (id.EndsWith("/info.json", StringComparison.Ordinal))
            {
                id = id[..^"/info.json".Length];
                changed = true;
            }

            if (id.EndsWith('/'))
            {
                id = id[..^1];
                changed = true;
            }
        }

        return id;
    }

    private static string Base32(ReadOnlySpan<byte> bytes)
    {
        // 10 bytes = 80 bits = exactly 16 base32 characters, so no padding question arises.
        var sb = new StringBuilder((bytes.Length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                sb.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            sb.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        }

        return sb.ToString();
    }
}

using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace IiifHarvester.Iiif.Identity;

/// <summary>
/// The stable short key of a harvested resource, derived from its URI alone, so it is the same after a restart,
/// a reindex or on another node (DESIGN.md, Identity).
/// </summary>
public static class ResourceKey
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>Length of every key: 10 bytes of SHA-256 in base32 is 16 characters.</summary>
    public const int Length = 16;

    /// <summary>
    /// The key for <paramref name="uri"/>: lowercase RFC 4648 base32 (no padding) of the first 10 bytes of
    /// SHA-256 over the UTF-8 URI, trimmed of surrounding white space.
    /// </summary>
    public static string For(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return For(uri.AsSpan());
    }

    /// <summary>As <see cref="For(string)"/>, for characters not (yet) in a string of their own.</summary>
    public static string For(ReadOnlySpan<char> uri)
    {
        // Search answers derive a key for every hit: the UTF-8 bytes go on the stack (or a pooled buffer for a
        // long URI), so a key costs its 16-character string and nothing else.
        uri = uri.Trim();
        var length = Encoding.UTF8.GetMaxByteCount(uri.Length);
        byte[]? rented = null;
        var utf8 = length <= 1024 ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetBytes(uri, utf8);
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(utf8[..written], hash);
            return Encode(hash[..10]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The key of an Image API service: the key of <see cref="NormalizeImageServiceId"/> of its id.</summary>
    public static string ForImageService(string serviceId) => For(NormalizeImageServiceId(serviceId));

    /// <summary>
    /// An image service id without any trailing <c>/info.json</c> or <c>/</c> (in any order or number), so every
    /// published spelling of one service shares one id and one key.
    /// </summary>
    public static string NormalizeImageServiceId(string serviceId)
    {
        ArgumentNullException.ThrowIfNull(serviceId);
        var id = serviceId.Trim();
        while (true)
        {
            if (id.EndsWith("/info.json", StringComparison.OrdinalIgnoreCase))
            {
                id = id[..^"/info.json".Length];
            }
            else if (id.EndsWith('/'))
            {
                id = id[..^1];
            }
            else
            {
                return id;
            }
        }
    }

    /// <summary>Whether <paramref name="value"/> has the shape of a key (it may still name nothing).</summary>
    public static bool IsWellFormed(string? value)
    {
        if (value is null || value.Length != Length)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(c is >= 'a' and <= 'z' || c is >= '2' and <= '7'))
            {
                return false;
            }
        }

        return true;
    }

    private static string Encode(ReadOnlySpan<byte> bytes)
    {
        Span<char> chars = stackalloc char[(bytes.Length * 8 + 4) / 5];
        int buffer = 0, bits = 0, n = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                chars[n++] = Alphabet[(buffer >> (bits - 5)) & 31];
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            chars[n++] = Alphabet[(buffer << (5 - bits)) & 31];
        }

        return new string(chars[..n]);
    }
}

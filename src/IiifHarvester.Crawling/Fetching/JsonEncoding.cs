using System.Text;
using System.Text.Unicode;

namespace IiifHarvester.Crawling.Fetching;

/// <summary>
/// Brings a JSON body to what JSON is on the wire (RFC 8259 §8.1: UTF-8, no byte order mark), so that everything
/// downstream (the store, the parser, the annotation check, the re-served copy) reads plain UTF-8. A body a browser
/// would decode otherwise (a UTF-16 byte order mark, a declared legacy charset) becomes the same text in UTF-8.
/// </summary>
internal static class JsonEncoding
{
    /// <summary>The body as UTF-8 without a byte order mark; the same array when it already is.</summary>
    /// <param name="body">The body, decompressed.</param>
    /// <param name="charset">The <c>charset</c> parameter of the Content-Type, if any.</param>
    public static byte[] ToUtf8(byte[] body, string? charset)
    {
        var span = body.AsSpan();

        // RFC 8259 §8.1 lets a parser ignore a byte order mark, and publishers do send one; not every reader skips it.
        if (span.StartsWith("\uFEFF"u8))
        {
            return body[3..];
        }

        // A UTF-16 byte order mark decides whatever the header says, as in browsers (WHATWG Encoding §6, BOM sniffing).
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Transcode(body, 2, Encoding.Unicode);
        }

        if (span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Transcode(body, 2, Encoding.BigEndianUnicode);
        }

        // A charset on a body that is valid UTF-8 is most often a server's default (ISO-8859-1), not the truth: read
        // as Latin-1, every é would become Ã©. Only a body that cannot be UTF-8 is read as its header says.
        return Utf8.IsValid(span) || Declared(charset) is not { } encoding ? body : Transcode(body, 0, encoding);
    }

    private static byte[] Transcode(byte[] body, int skip, Encoding from) => Encoding.UTF8.GetBytes(from.GetString(body, skip, body.Length - skip));

    private static Encoding? Declared(string? charset)
    {
        var label = charset?.Trim().Trim('"').ToLowerInvariant();
        if (string.IsNullOrEmpty(label))
        {
            return null;
        }

        // WHATWG Encoding §4.2: browsers read the Latin-1 and ASCII labels as windows-1252, which is what such servers
        // send (curly quotes and dashes from a word processor included).
        if (label is "iso-8859-1" or "iso8859-1" or "iso_8859-1" or "latin1" or "l1" or "us-ascii" or "ascii")
        {
            label = "windows-1252";
        }

        try
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(label) ?? Encoding.GetEncoding(label);
        }
        catch (ArgumentException)
        {
            // An unknown charset: the parser then says which byte is not UTF-8.
            return null;
        }
    }
}

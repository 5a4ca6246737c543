using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace IiifHarvester.Iiif.Parsing;

/// <summary>
/// The one entry point for IIIF JSON documents: manifests, collections, canvases, annotation containers,
/// Discovery documents and autocomplete responses. Pure and thread-safe; bad input comes back as a rejected
/// <see cref="ParseOutcome"/>, never as an exception.
/// </summary>
public static class IiifParser
{
    /// <summary>Parses <paramref name="utf8Json"/> into whatever IIIF document it is.</summary>
    public static ParseOutcome Parse(ReadOnlySpan<byte> utf8Json, IiifParserOptions? options = null)
    {
        options ??= IiifParserOptions.Default;
        if (utf8Json.Length > options.MaxBytes)
        {
            return ParseOutcome.Rejected($"document is {utf8Json.Length} bytes, over the limit of {options.MaxBytes}");
        }

        // RFC 8259 §8.1: no BOM, but parsers may ignore one; publishers do send it.
        if (utf8Json.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            utf8Json = utf8Json[3..];
        }

        if (utf8Json.Trim((ReadOnlySpan<byte>)[(byte)' ', (byte)'\t', (byte)'\r', (byte)'\n']).IsEmpty)
        {
            return ParseOutcome.Rejected("not JSON: the document is empty");
        }

        // System.Text.Json checks UTF-8 only where it transcodes; validate all of it so a Windows-1252 byte inside
        // a string is a precise rejection, not a replacement character in the index.
        if (!Utf8.IsValid(utf8Json))
        {
            return ParseOutcome.Rejected($"not UTF-8: invalid byte 0x{utf8Json[InvalidAt(utf8Json)]:X2} at offset {InvalidAt(utf8Json)}");
        }

        var buffer = ArrayPool<byte>.Shared.Rent(utf8Json.Length);
        try
        {
            utf8Json.CopyTo(buffer);
            JsonDocument json;
            try
            {
                json = JsonDocument.Parse(
                    buffer.AsMemory(0, utf8Json.Length),
                    new JsonDocumentOptions { MaxDepth = options.MaxDepth, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            }
            catch (JsonException ex)
            {
                return ParseOutcome.Rejected($"not JSON: {ex.Message}");
            }

            using (json)
            {
                return DocumentReader.Read(json.RootElement, options);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Parses a document held in a string (tests, the CLI); the string is encoded to UTF-8 first.</summary>
    public static ParseOutcome Parse(string json, IiifParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(Encoding.UTF8.GetBytes(json), options);
    }

    private static int InvalidAt(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (offset < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return 0;
    }
}

using System.Text.Json;

namespace IiifHarvester.Iiif.Parsing;

/// <summary>
/// The one entry point for IIIF JSON documents: manifests, collections, annotation containers and Discovery
/// documents. Pure and thread-safe; bad input comes back as a rejected <see cref="ParseOutcome"/>, never as an
/// exception.
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

        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(
                utf8Json.ToArray(),
                new JsonDocumentOptions { MaxDepth = options.MaxDepth, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            return ParseOutcome.Rejected($"not JSON: {ex.Message}");
        }
        catch (ArgumentException ex)
        {
            return ParseOutcome.Rejected($"not UTF-8 JSON: {ex.Message}");
        }

        using (json)
        {
            return DocumentReader.Read(json.RootElement, options);
        }
    }
}

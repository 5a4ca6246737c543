using System.Text.Json;

namespace IiifHarvester.Harvesting.Pipeline;

/// <summary>
/// A cheap check that fetched bytes are one well-formed JSON object: enough to refuse a truncated list or an HTML
/// error page before it replaces what we hold, at a fraction of a full parse (the index parses it fully later).
/// </summary>
internal static class JsonCheck
{
    private const int MaxDepth = 256;

    /// <summary>Null when <paramref name="body"/> is one well-formed JSON object, else why not.</summary>
    public static string? WhyNotAnObject(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            if (!reader.Read())
            {
                return "empty body";
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return $"not a JSON object but {reader.TokenType}";
            }

            reader.Skip();
            return reader.Read() ? "content after the JSON object" : null;
        }
        catch (JsonException ex)
        {
            return $"not well-formed JSON: {ex.Message}";
        }
    }
}

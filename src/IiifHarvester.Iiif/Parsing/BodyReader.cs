using System.Text;
using System.Text.Json;
using IiifHarvester.Iiif.Html;

namespace IiifHarvester.Iiif.Parsing;

/// <summary>
/// The text of an annotation body: v2 <c>cnt:ContentAsText</c> <c>chars</c> (Presentation 2.1 §5.3), v3
/// <c>TextualBody</c> <c>value</c> (Web Annotation §3.2.4), through Choices and SpecificResources; HTML reduced
/// to plain text. Several textual bodies are joined with a space.
/// </summary>
internal static class BodyReader
{
    public static string? Read(JsonElement body, ReadContext context, out string? language, out string? format)
    {
        language = null;
        format = null;
        string? single = null;
        StringBuilder? joined = null;
        Collect(body, context, ref language, ref format, ref single, ref joined, depth: 0);
        return joined?.ToString() ?? single;
    }

    private static void Collect(JsonElement body, ReadContext context, ref string? language, ref string? format, ref string? single, ref StringBuilder? joined, int depth)
    {
        if (depth > 4)
        {
            return;
        }

        switch (body.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in body.EnumerateArray())
                {
                    Collect(item, context, ref language, ref format, ref single, ref joined, depth + 1);
                }

                return;
            case JsonValueKind.Object:
                break;
            default:
                // A bare string body is a URI (an external resource), not text.
                return;
        }

        var raw = Json.String(body, "chars"u8) ?? Json.String(body, "value"u8) ?? Json.String(body, "cnt:chars"u8);
        if (raw is not null)
        {
            var bodyFormat = Json.FirstString(body, "format"u8) ?? Json.FirstString(body, "dc:format"u8);
            var text = ToText(raw, bodyFormat);
            if (text.Length == 0)
            {
                return;
            }

            if (single is null)
            {
                single = text;
                format = bodyFormat;
                var lang = Json.FirstString(body, "language"u8) ?? Json.FirstString(body, "@language"u8) ?? Json.FirstString(body, "dc:language"u8);
                language = LanguageTags.OfText(lang);
            }
            else
            {
                joined ??= new StringBuilder(single);
                joined.Append(' ').Append(text);
            }

            return;
        }

        var type = Json.BareType(body);
        if (type == "Choice")
        {
            // A choice offers alternatives (Presentation 3.0 §5.6.1): the default (v2) or first (v3) one is the text.
            if (Json.TryGet(body, "default"u8, out var preferred))
            {
                Collect(preferred, context, ref language, ref format, ref single, ref joined, depth + 1);
            }

            if (single is null && Json.TryGet(body, "items"u8, "item"u8, out var items))
            {
                foreach (var item in Json.Many(items))
                {
                    Collect(item, context, ref language, ref format, ref single, ref joined, depth + 1);
                    if (single is not null)
                    {
                        break;
                    }
                }
            }

            return;
        }

        // A SpecificResource body holds the text in its source (v3) or full (v2).
        if (Json.TryGet(body, "source"u8, "full"u8, out var source) && source.ValueKind == JsonValueKind.Object)
        {
            Collect(source, context, ref language, ref format, ref single, ref joined, depth + 1);
        }
    }

    private static string ToText(string raw, string? format)
    {
        var isHtml = format is not null
            ? format.Contains("html", StringComparison.OrdinalIgnoreCase)
            : raw.Contains('<', StringComparison.Ordinal) && raw.Contains('>', StringComparison.Ordinal);
        if (!isHtml)
        {
            return raw.Trim();
        }

        return HtmlText.ToPlainText(raw);
    }
}

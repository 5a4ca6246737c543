using System.Text.Json;
using IiifHarvester.Iiif.Model;

namespace IiifHarvester.Iiif.Parsing;

/// <summary>
/// Reads a language map from any of its published forms: a v3 map (Presentation 3.0 §4.4), a v2 string, a
/// <c>{@value, @language}</c> object (Presentation 2.1 §5.1), or an array of those; numbers and booleans are kept
/// as text with a warning.
/// </summary>
internal static class LanguageMapReader
{
    /// <summary>Reads property <paramref name="name"/> of <paramref name="node"/> as a language map.</summary>
    public static LanguageMap Read(JsonElement node, ReadOnlySpan<byte> name, string propertyName, ReadContext context) =>
        Json.TryGet(node, name, out var value) ? Read(value, propertyName, context) : LanguageMap.Empty;

    /// <summary>Reads <paramref name="node"/> as a language map.</summary>
    public static LanguageMap Read(JsonElement node, string propertyName, ReadContext context)
    {
        // The common v2 case, a bare string, and the common v3 case, {"en": ["..."]}, without the general walk.
        if (node.ValueKind == JsonValueKind.String)
        {
            if (context.Version == IiifVersion.V3)
            {
                context.Warn("v2-string-value:" + propertyName, $"{propertyName} is a plain string, not a language map (Presentation 3.0 §4.4)");
            }

            var s = Json.NonEmpty(node.GetString());
            return s is null ? LanguageMap.Empty : new LanguageMap(new Dictionary<string, IReadOnlyList<string>>(1, StringComparer.Ordinal) { [LanguageMap.None] = [s] }, owns: true);
        }

        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        Collect(node, values, propertyName, context, depth: 0);
        return values.Count == 0 ? LanguageMap.Empty : new LanguageMap(values, owns: true);
    }

    private static void Collect(JsonElement node, Dictionary<string, IReadOnlyList<string>> into, string propertyName, ReadContext context, int depth)
    {
        if (depth > 4)
        {
            context.Warn("value-too-deep:" + propertyName, $"{propertyName} nests arrays or objects too deeply; the rest was ignored");
            return;
        }

        switch (node.ValueKind)
        {
            case JsonValueKind.String:
                Add(into, LanguageMap.None, node.GetString());
                break;
            case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                context.Warn("value-not-string:" + propertyName, $"{propertyName} is a {node.ValueKind.ToString().ToLowerInvariant()}, not a string or language map; kept as text");
                Add(into, LanguageMap.None, node.GetRawText());
                break;
            case JsonValueKind.Array:
                foreach (var item in node.EnumerateArray())
                {
                    Collect(item, into, propertyName, context, depth + 1);
                }

                break;
            case JsonValueKind.Object when node.TryGetProperty("@value"u8, out var value):
                var language = Json.String(node, "@language"u8) ?? Json.String(node, "language"u8);
                Add(into, LanguageTags.Normalize(language), Text(value, propertyName, context));
                break;
            case JsonValueKind.Object when Json.String(node, "@id"u8) is { } linkId && !node.TryGetProperty("none"u8, out _):
                // A v2 metadata value given as a link object: the URI is the value.
                Add(into, LanguageMap.None, linkId);
                break;
            case JsonValueKind.Object:
                foreach (var property in node.EnumerateObject())
                {
                    var key = LanguageTags.Normalize(property);
                    foreach (var item in Json.Many(property.Value))
                    {
                        Add(into, key, Text(item, propertyName, context));
                    }
                }

                break;
        }
    }

    private static string? Text(JsonElement item, string propertyName, ReadContext context)
    {
        switch (item.ValueKind)
        {
            case JsonValueKind.String:
                return item.GetString();
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return null;
            default:
                context.Warn("value-not-string:" + propertyName, $"{propertyName} holds a {item.ValueKind.ToString().ToLowerInvariant()} where a string belongs; kept as text");
                return item.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? null : item.GetRawText();
        }
    }

    private static void Add(Dictionary<string, IReadOnlyList<string>> into, string language, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        if (!into.TryGetValue(language, out var list))
        {
            into[language] = [value];
        }
        else if (list is List<string> growable)
        {
            growable.Add(value);
        }
        else
        {
            into[language] = new List<string>(list) { value };
        }
    }
}

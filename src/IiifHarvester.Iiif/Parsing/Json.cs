using System.Globalization;
using System.Text.Json;
using IiifHarvester.Iiif.Model;

namespace IiifHarvester.Iiif.Parsing;

/// <summary>Tolerant readers for the JSON shapes IIIF documents take in the wild.</summary>
internal static class Json
{
    /// <summary>The id of a node: <c>id</c> or <c>@id</c>, or the node itself when it is a string.</summary>
    public static string? Id(JsonElement node) => node.ValueKind switch
    {
        JsonValueKind.String => node.GetString(),
        JsonValueKind.Object => String(node, "id") ?? String(node, "@id"),
        _ => null,
    };

    /// <summary>The type of a node: <c>type</c> or <c>@type</c> (first, when an array).</summary>
    public static string? Type(JsonElement node)
    {
        if (node.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var name in (ReadOnlySpan<string>)["type", "@type"])
        {
            if (node.TryGetProperty(name, out var t))
            {
                if (t.ValueKind == JsonValueKind.String)
                {
                    return t.GetString();
                }

                if (t.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in t.EnumerateArray())
                    {
                        if (item.ValueKind == JsonValueKind.String)
                        {
                            return item.GetString();
                        }
                    }
                }
            }
        }

        return null;
    }

    /// <summary>A string property, or null when absent or not a string.</summary>
    public static string? String(JsonElement node, string name) =>
        node.ValueKind == JsonValueKind.Object && node.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;

    /// <summary>A property by the first of several names.</summary>
    public static bool TryGet(JsonElement node, out JsonElement value, params ReadOnlySpan<string> names)
    {
        if (node.ValueKind == JsonValueKind.Object)
        {
            foreach (var name in names)
            {
                if (node.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
                {
                    return true;
                }
            }
        }

        value = default;
        return false;
    }

    /// <summary>A node that may be one item or an array of items, as a sequence.</summary>
    public static IEnumerable<JsonElement> Many(JsonElement node) => node.ValueKind switch
    {
        JsonValueKind.Array => node.EnumerateArray(),
        JsonValueKind.Undefined or JsonValueKind.Null => [],
        _ => [node],
    };

    /// <summary>An integer that may be published as a number or a numeric string.</summary>
    public static int? Int(JsonElement node, string name)
    {
        if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(name, out var v))
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.Number when v.TryGetDouble(out var d) && d is >= 0 and <= int.MaxValue => (int)Math.Round(d),
            JsonValueKind.String when double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                && d is >= 0 and <= int.MaxValue => (int)Math.Round(d),
            _ => null,
        };
    }

    /// <summary>A date-time, when the property holds one.</summary>
    public static DateTimeOffset? Date(JsonElement node, string name)
    {
        var s = String(node, name);
        return s is not null && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)
            ? d.ToUniversalTime()
            : null;
    }

    /// <summary>
    /// A language map from any of its published forms: a v3 map, a v2 string, a <c>{@value, @language}</c> object,
    /// or an array of those.
    /// </summary>
    public static LanguageMap LanguageMap(JsonElement node)
    {
        var values = new List<KeyValuePair<string, IReadOnlyList<string>>>();
        Collect(node, values);
        return values.Count == 0 ? Model.LanguageMap.Empty : new LanguageMap(values);
    }

    private static void Collect(JsonElement node, List<KeyValuePair<string, IReadOnlyList<string>>> into)
    {
        switch (node.ValueKind)
        {
            case JsonValueKind.String:
                Add(into, Model.LanguageMap.None, node.GetString());
                break;
            case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                Add(into, Model.LanguageMap.None, node.GetRawText());
                break;
            case JsonValueKind.Array:
                foreach (var item in node.EnumerateArray())
                {
                    Collect(item, into);
                }

                break;
            case JsonValueKind.Object when node.TryGetProperty("@value", out var value):
                Add(into, LanguageTags.Normalize(String(node, "@language")), value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText());
                break;
            case JsonValueKind.Object:
                foreach (var property in node.EnumerateObject())
                {
                    var language = LanguageTags.Normalize(property.Name);
                    foreach (var item in Many(property.Value))
                    {
                        Add(into, language, item.ValueKind == JsonValueKind.String ? item.GetString() : item.GetRawText());
                    }
                }

                break;
        }
    }

    private static void Add(List<KeyValuePair<string, IReadOnlyList<string>>> into, string language, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            into.Add(new(language, [value]));
        }
    }
}

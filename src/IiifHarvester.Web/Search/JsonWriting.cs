using System.Text.Json;
using IiifHarvester.Iiif.Html;
using IiifHarvester.Iiif.Model;

namespace IiifHarvester.Web.Search;

/// <summary>Small helpers for writing IIIF JSON.</summary>
internal static class JsonWriting
{
    /// <summary>A Presentation 3 language map (<c>{"en": ["..."]}</c>), its values sanitized to the IIIF HTML subset.</summary>
    public static void WriteLanguageMap(Utf8JsonWriter writer, string name, LanguageMap map)
    {
        writer.WriteStartObject(name);
        foreach (var (language, values) in map.Values)
        {
            writer.WriteStartArray(language);
            foreach (var value in values)
            {
                writer.WriteStringValue(IiifHtmlSanitizer.Sanitize(value));
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    public static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    /// <summary>A Presentation 3 reference <c>{"id", "type"}</c>.</summary>
    public static void WriteReference(Utf8JsonWriter writer, string name, string id, string type)
    {
        writer.WriteStartObject(name);
        writer.WriteString("id", id);
        writer.WriteString("type", type);
        writer.WriteEndObject();
    }
}

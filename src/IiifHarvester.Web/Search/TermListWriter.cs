using System.Text.Json;
using IiifHarvester.Indexing.Search;

namespace IiifHarvester.Web.Search;

/// <summary>Writes autocomplete answers: Search 1.0 <c>search:TermList</c> (§4.3) and 2.0 <c>TermPage</c> (§5.3).</summary>
internal static class TermListWriter
{
    public static void WriteV1(Utf8JsonWriter writer, string id, AutocompleteResult result, IReadOnlyList<string> ignored, Func<string, string> searchUrl)
    {
        writer.WriteStartObject();
        writer.WriteString("@context", MediaTypes.Search1Context);
        writer.WriteString("@id", id);
        writer.WriteString("@type", "search:TermList");
        if (ignored.Count > 0)
        {
            JsonWriting.WriteStrings(writer, "ignored", ignored);
        }

        writer.WriteStartArray("terms");
        foreach (var term in result.Terms)
        {
            writer.WriteStartObject();
            writer.WriteString("match", term.Term);
            writer.WriteString("url", searchUrl(term.Term));
            writer.WriteNumber("count", term.Count);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static void WriteV2(Utf8JsonWriter writer, string id, AutocompleteResult result, IReadOnlyList<string> ignored)
    {
        writer.WriteStartObject();
        writer.WriteString("@context", MediaTypes.Search2Context);
        writer.WriteString("id", id);
        writer.WriteString("type", "TermPage");
        if (ignored.Count > 0)
        {
            JsonWriting.WriteStrings(writer, "ignored", ignored);
        }

        writer.WriteStartArray("items");
        foreach (var term in result.Terms)
        {
            writer.WriteStartObject();
            writer.WriteString("type", "Term");
            writer.WriteString("value", term.Term);
            writer.WriteNumber("total", term.Count);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}

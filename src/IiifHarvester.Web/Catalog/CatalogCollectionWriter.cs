using System.Globalization;
using System.Text.Json;
using IiifHarvester.Indexing.Catalog;
using IiifHarvester.Web.Search;

namespace IiifHarvester.Web.Catalog;

/// <summary>
/// Writes the catalog's hits as a Presentation 3 Collection. Presentation 3 has no paging for Collections: a
/// Collection's <c>items</c> list Manifests and nested Collections (§3.5 Collection, §5.1), and viewers
/// (Mirador's collection dialog, Universal Viewer) walk those. So a result of one page lists its hits; a larger one
/// lists one nested Collection per page ("Results 101–200"), each listing its hits and <c>partOf</c> the whole, so
/// every hit is reachable by following <c>items</c>.
/// </summary>
internal static class CatalogCollectionWriter
{
    /// <param name="writer">The writer.</param>
    /// <param name="result">The page of results asked for (the first when <paramref name="page"/> is null).</param>
    /// <param name="q">The query as typed.</param>
    /// <param name="lastPage">The number of pages.</param>
    /// <param name="page">The page this Collection lists, or null for the Collection of pages.</param>
    /// <param name="whole">The URL of the whole result's Collection.</param>
    /// <param name="pageUrl">The URL of a page's Collection.</param>
    /// <param name="urls">Our public URLs.</param>
    public static void Write(Utf8JsonWriter writer, CatalogResult result, string q, int lastPage, int? page, string whole, Func<int, string> pageUrl, PublicUrls urls)
    {
        writer.WriteStartObject();
        writer.WriteString("@context", MediaTypes.Presentation3Context);
        var title = string.IsNullOrWhiteSpace(q) ? "All harvested resources" : $"Search results for \u201c{q}\u201d";
        if (page is { } number && lastPage > 1)
        {
            writer.WriteString("id", pageUrl(number));
            writer.WriteString("type", "Collection");
            WriteText(writer, "label", $"{title}: {Range(result, number)}");
            WriteText(writer, "summary", string.Create(CultureInfo.InvariantCulture, $"{result.Total} results, page {number} of {lastPage}"));
            writer.WriteStartArray("partOf");
            writer.WriteStartObject();
            writer.WriteString("id", whole);
            writer.WriteString("type", "Collection");
            writer.WriteEndObject();
            writer.WriteEndArray();
            WriteHits(writer, result, urls);
        }
        else
        {
            writer.WriteString("id", whole);
            writer.WriteString("type", "Collection");
            WriteText(writer, "label", title);
            WriteText(writer, "summary", string.Create(CultureInfo.InvariantCulture, $"{result.Total} results"));
            if (lastPage == 1)
            {
                WriteHits(writer, result, urls);
            }
            else
            {
                writer.WriteStartArray("items");
                for (var p = 1; p <= lastPage; p++)
                {
                    writer.WriteStartObject();
                    writer.WriteString("id", pageUrl(p));
                    writer.WriteString("type", "Collection");
                    WriteText(writer, "label", Range(result, p));
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }
        }

        writer.WriteEndObject();
    }

    private static string Range(CatalogResult result, int page)
    {
        var first = ((long)(page - 1) * result.PageSize) + 1;
        var last = Math.Min(result.Total, (long)page * result.PageSize);
        return string.Create(CultureInfo.InvariantCulture, $"Results {first}\u2013{last}");
    }

    private static void WriteHits(Utf8JsonWriter writer, CatalogResult result, PublicUrls urls)
    {
        writer.WriteStartArray("items");
        foreach (var item in result.Items.Select(i => i.Resource))
        {
            writer.WriteStartObject();
            writer.WriteString("id", urls.Manifest(item.Key));
            writer.WriteString("type", item.Kind.ToString());
            JsonWriting.WriteLanguageMap(writer, "label", item.Label);
            if (item.Thumbnail is not null)
            {
                writer.WriteStartArray("thumbnail");
                writer.WriteStartObject();
                writer.WriteString("id", item.Thumbnail);
                writer.WriteString("type", "Image");
                writer.WriteEndObject();
                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteText(Utf8JsonWriter writer, string name, string value)
    {
        writer.WriteStartObject(name);
        writer.WriteStartArray("en");
        writer.WriteStringValue(value);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}

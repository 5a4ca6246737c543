using System.Text.Json;
using IiifHarvester.Indexing.Search;

namespace IiifHarvester.Web.Search;

/// <summary>
/// Writes a Content Search 2.0 answer: an <c>AnnotationPage</c> <c>partOf</c> an <c>AnnotationCollection</c>
/// (§4.1, §4.2), every matching annotation embedded, and the hits as one AnnotationPage of <c>highlighting</c>
/// annotations whose targets select the matched text of the hit's own annotation with a TextQuoteSelector
/// (§4.3.2), prefix and suffix the same text as Search 1.0's before and after. Across manifests each target names its manifest in
/// <c>partOf</c> (§4.1.2).
/// </summary>
internal static class SearchV2Writer
{
    public static void Write(Utf8JsonWriter writer, ContentSearchResult result, SearchPaging paging, IReadOnlyList<string> ignored, bool acrossManifests, string query, PublicUrls urls)
    {
        writer.WriteStartObject();
        writer.WriteString("@context", MediaTypes.Search2Context);
        writer.WriteString("id", paging.Id);
        writer.WriteString("type", "AnnotationPage");

        writer.WriteStartObject("partOf");
        writer.WriteString("id", paging.CollectionId);
        writer.WriteString("type", "AnnotationCollection");
        writer.WriteNumber("total", paging.Total);
        JsonWriting.WriteReference(writer, "first", paging.First, "AnnotationPage");
        JsonWriting.WriteReference(writer, "last", paging.Last, "AnnotationPage");
        writer.WriteEndObject();
        if (paging.Next is not null)
        {
            JsonWriting.WriteReference(writer, "next", paging.Next, "AnnotationPage");
        }

        if (paging.Prev is not null)
        {
            JsonWriting.WriteReference(writer, "prev", paging.Prev, "AnnotationPage");
        }

        writer.WriteNumber("startIndex", paging.StartIndex);
        if (ignored.Count > 0)
        {
            JsonWriting.WriteStrings(writer, "ignored", ignored);
        }

        writer.WriteStartArray("items");
        foreach (var annotation in result.Annotations)
        {
            WriteAnnotation(writer, annotation, acrossManifests, urls);
        }

        writer.WriteEndArray();

        writer.WriteStartArray("annotations");
        writer.WriteStartObject();
        writer.WriteString("type", "AnnotationPage");
        writer.WriteStartArray("items");
        foreach (var hit in result.Hits)
        {
            WriteHit(writer, hit, query, urls);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteAnnotation(Utf8JsonWriter writer, HitAnnotation annotation, bool acrossManifests, PublicUrls urls)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("id");
        AnnotationIds.WriteOf(writer, annotation, urls);
        writer.WriteString("type", "Annotation");
        if (annotation.Motivation.Length > 0)
        {
            writer.WriteString("motivation", annotation.Motivation);
        }

        writer.WriteStartObject("body");
        writer.WriteString("type", "TextualBody");
        writer.WriteString("value", annotation.Text);
        writer.WriteString("format", "text/plain");
        if (annotation.Language is not null)
        {
            writer.WriteString("language", annotation.Language);
        }

        writer.WriteEndObject();
        if (acrossManifests)
        {
            // A Canvas reference (Presentation 3 §3.3: partOf is a list) naming the manifest it belongs to.
            writer.WriteStartObject("target");
            writer.WritePropertyName("id");
            AnnotationIds.WriteTarget(writer, annotation);
            writer.WriteString("type", "Canvas");
            writer.WriteStartArray("partOf");
            writer.WriteStartObject();
            writer.WriteString("id", annotation.ManifestUri);
            writer.WriteString("type", "Manifest");
            JsonWriting.WriteLanguageMap(writer, "label", annotation.ManifestLabel);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        else
        {
            writer.WritePropertyName("target");
            AnnotationIds.WriteTarget(writer, annotation);
        }

        if (annotation.Creator is not null)
        {
            writer.WriteString("creator", annotation.Creator);
        }

        if (annotation.Created is { } created)
        {
            writer.WriteString("created", created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        }

        writer.WriteEndObject();
    }

    private static void WriteHit(Utf8JsonWriter writer, SearchHit hit, string query, PublicUrls urls)
    {
        writer.WriteStartObject();
        writer.WriteString("id", AnnotationIds.OfHit(hit, query, urls));
        writer.WriteString("type", "Annotation");
        writer.WriteString("motivation", "highlighting");
        writer.WritePropertyName("target");
        WriteTarget(writer, hit, urls);
        writer.WriteEndObject();
    }

    private static void WriteTarget(Utf8JsonWriter writer, SearchHit hit, PublicUrls urls)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "SpecificResource");
        writer.WritePropertyName("source");
        AnnotationIds.WriteOf(writer, hit.Annotation, urls);
        writer.WriteStartArray("selector");
        writer.WriteStartObject();
        writer.WriteString("type", "TextQuoteSelector");
        if (hit.Before.Length > 0)
        {
            writer.WriteString("prefix", hit.Before);
        }

        writer.WriteString("exact", hit.Match);
        if (hit.After.Length > 0)
        {
            writer.WriteString("suffix", hit.After);
        }

        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}

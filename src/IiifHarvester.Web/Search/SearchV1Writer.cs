using System.Text.Json;
using IiifHarvester.Iiif.Html;
using IiifHarvester.Indexing.Search;

namespace IiifHarvester.Web.Search;

/// <summary>
/// Writes a Content Search 1.0 answer: an <c>sc:AnnotationList</c> page within an <c>sc:Layer</c> (§3.3.2), every
/// matching annotation embedded, and <c>search:Hit</c>s with <c>match</c>, <c>before</c> and <c>after</c> (§3.4.2)
/// naming the annotations each hit spans (§3.4.4). Within one manifest <c>on</c> is a <c>canvas#xywh=</c>
/// string, the one form both Mirador and Universal Viewer read; across manifests it is an object whose
/// <c>within</c> names the manifest (§3.3.3).
/// </summary>
internal static class SearchV1Writer
{
    public static void Write(Utf8JsonWriter writer, ContentSearchResult result, SearchPaging paging, IReadOnlyList<string> ignored, bool acrossManifests, PublicUrls urls)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("@context");
        writer.WriteStringValue(MediaTypes.Presentation2Context);
        writer.WriteStringValue(MediaTypes.Search1Context);
        writer.WriteEndArray();
        writer.WriteString("@id", paging.Id);
        writer.WriteString("@type", "sc:AnnotationList");

        writer.WriteStartObject("within");
        writer.WriteString("@type", "sc:Layer");
        writer.WriteNumber("total", paging.Total);
        if (paging.IsPaged)
        {
            writer.WriteString("first", paging.First);
            writer.WriteString("last", paging.Last);
        }

        if (ignored.Count > 0)
        {
            JsonWriting.WriteStrings(writer, "ignored", ignored);
        }

        writer.WriteEndObject();
        if (paging.Next is not null)
        {
            writer.WriteString("next", paging.Next);
        }

        if (paging.Prev is not null)
        {
            writer.WriteString("prev", paging.Prev);
        }

        writer.WriteNumber("startIndex", paging.StartIndex);

        writer.WriteStartArray("resources");
        foreach (var annotation in result.Annotations)
        {
            WriteAnnotation(writer, annotation, acrossManifests, urls);
        }

        writer.WriteEndArray();

        writer.WriteStartArray("hits");
        foreach (var hit in result.Hits)
        {
            writer.WriteStartObject();
            writer.WriteString("@type", "search:Hit");
            writer.WriteStartArray("annotations");
            AnnotationIds.WriteOf(writer, hit.Annotation, urls);

            writer.WriteEndArray();
            writer.WriteString("match", hit.Match);
            writer.WriteString("before", hit.Before);
            writer.WriteString("after", hit.After);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteAnnotation(Utf8JsonWriter writer, HitAnnotation annotation, bool acrossManifests, PublicUrls urls)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("@id");
        AnnotationIds.WriteOf(writer, annotation, urls);
        writer.WriteString("@type", "oa:Annotation");
        writer.WriteString("motivation", Motivation(annotation.Motivation));
        writer.WriteStartObject("resource");
        writer.WriteString("@type", "cnt:ContentAsText");
        writer.WriteString("chars", annotation.Text);

        writer.WriteEndObject();
        if (acrossManifests)
        {
            writer.WriteStartObject("on");
            writer.WritePropertyName("@id");
            AnnotationIds.WriteTarget(writer, annotation);
            writer.WriteString("@type", "sc:Canvas");
            writer.WriteStartObject("within");
            writer.WriteString("@id", annotation.ManifestUri);
            writer.WriteString("@type", "sc:Manifest");
            writer.WriteString("label", IiifHtmlSanitizer.Sanitize(annotation.ManifestLabel.GetValue() ?? string.Empty));
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        else
        {
            writer.WritePropertyName("on");
            AnnotationIds.WriteTarget(writer, annotation);
        }

        if (annotation.Creator is not null)
        {
            writer.WriteString("annotatedBy", annotation.Creator);
        }

        if (annotation.Created is { } created)
        {
            writer.WriteString("annotatedAt", created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// Presentation 2 vocabulary: transcriptions are <c>sc:painting</c> (v3 <c>supplementing</c> included), the
    /// others Open Annotation motivations.
    /// </summary>
    private static string Motivation(string motivation) => motivation switch
    {
        "" or "painting" or "supplementing" or "transcribing" => "sc:painting",
        _ when motivation.Contains(':', StringComparison.Ordinal) => motivation,
        _ => "oa:" + motivation,
    };
}

using System.Text.Json;
using IiifHarvester.Iiif.Html;
using IiifHarvester.Indexing.Search;

namespace IiifHarvester.Web.Search;

/// <summary>
/// Writes a Content Search 1.0 answer: an <c>sc:AnnotationList</c> page within an <c>sc:Layer</c> (§3.3.2), every
/// matching annotation embedded, and <c>search:Hit</c>s with <c>match</c>, <c>before</c> and <c>after</c> (§3.4.2)
/// naming the annotations each hit spans (§3.4.4). Within one manifest <c>on</c> is a <c>canvas#xywh=</c>
/// string, the one form both Mirador and Universal Viewer read; across manifests it is an object of the canvas's
/// <c>@id</c> and a <c>within</c> naming the manifest, as §3.3.3 shows it.
/// </summary>
internal static class SearchV1Writer
{
    // Names and fixed values encoded once: every hit writes a dozen of them.
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("@id");
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("@type");
    private static readonly JsonEncodedText Within = JsonEncodedText.Encode("within");
    private static readonly JsonEncodedText Annotations = JsonEncodedText.Encode("annotations");
    private static readonly JsonEncodedText Match = JsonEncodedText.Encode("match");
    private static readonly JsonEncodedText Before = JsonEncodedText.Encode("before");
    private static readonly JsonEncodedText After = JsonEncodedText.Encode("after");
    private static readonly JsonEncodedText Motivation = JsonEncodedText.Encode("motivation");
    private static readonly JsonEncodedText Resource = JsonEncodedText.Encode("resource");
    private static readonly JsonEncodedText Chars = JsonEncodedText.Encode("chars");
    private static readonly JsonEncodedText On = JsonEncodedText.Encode("on");
    private static readonly JsonEncodedText Label = JsonEncodedText.Encode("label");
    private static readonly JsonEncodedText Hit = JsonEncodedText.Encode("search:Hit");
    private static readonly JsonEncodedText Annotation = JsonEncodedText.Encode("oa:Annotation");
    private static readonly JsonEncodedText Painting = JsonEncodedText.Encode("sc:painting");
    private static readonly JsonEncodedText ContentAsText = JsonEncodedText.Encode("cnt:ContentAsText");
    private static readonly JsonEncodedText Manifest = JsonEncodedText.Encode("sc:Manifest");

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
        using var manifests = acrossManifests ? new ManifestFragments() : null;
        foreach (var annotation in result.Annotations)
        {
            WriteAnnotation(writer, annotation, manifests, urls);
        }

        writer.WriteEndArray();

        writer.WriteStartArray("hits");
        foreach (var hit in result.Hits)
        {
            writer.WriteStartObject();
            writer.WriteString(Type, Hit);
            writer.WriteStartArray(Annotations);
            AnnotationIds.WriteOf(writer, hit.Annotation, urls);

            writer.WriteEndArray();
            writer.WriteString(Match, hit.Match);
            writer.WriteString(Before, hit.Before);
            writer.WriteString(After, hit.After);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>One annotation; <paramref name="manifests"/> (across manifests) writes <c>on</c> as an object naming its manifest; one on no canvas is on its manifest.</summary>
    private static void WriteAnnotation(Utf8JsonWriter writer, HitAnnotation annotation, ManifestFragments? manifests, PublicUrls urls)
    {
        writer.WriteStartObject();
        writer.WritePropertyName(Id);
        AnnotationIds.WriteOf(writer, annotation, urls);
        writer.WriteString(Type, Annotation);
        if (IsPainting(annotation.Motivation))
        {
            writer.WriteString(Motivation, Painting);
        }
        else
        {
            writer.WriteString(Motivation, OpenAnnotationMotivation(annotation.Motivation));
        }

        writer.WriteStartObject(Resource);
        writer.WriteString(Type, ContentAsText);
        writer.WriteString(Chars, annotation.Text);

        writer.WriteEndObject();
        if (manifests is not null && !AnnotationIds.IsOnCanvas(annotation))
        {
            // On no canvas: the manifest it belongs to is what it is on.
            writer.WritePropertyName(On);
            WriteManifest(writer, annotation);
        }
        else if (manifests is not null)
        {
            // §3.3.3's form: the canvas (with its fragment) and within, no @type. @iiif/parser, which vault and the
            // viewers built on it run every Presentation 2 document through, takes an "on" with an @type for an
            // oa:SpecificResource and throws reading its missing "full".
            writer.WriteStartObject(On);
            writer.WritePropertyName(Id);
            AnnotationIds.WriteTarget(writer, annotation);
            writer.WritePropertyName(Within);
            writer.WriteRawValue(manifests.Of(annotation.ManifestUri, annotation, WriteManifest), skipInputValidation: true);
            writer.WriteEndObject();
        }
        else
        {
            writer.WritePropertyName(On);
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

    /// <summary>The manifest an annotation across manifests is <c>on</c>: <c>{"@id", "@type": "sc:Manifest", "label"}</c>.</summary>
    private static void WriteManifest(Utf8JsonWriter writer, HitAnnotation annotation)
    {
        writer.WriteStartObject();
        writer.WriteString(Id, annotation.ManifestUri);
        writer.WriteString(Type, Manifest);
        writer.WriteString(Label, IiifHtmlSanitizer.Sanitize(annotation.ManifestLabel.GetValue() ?? string.Empty));
        writer.WriteEndObject();
    }

    /// <summary>
    /// Presentation 2 vocabulary: transcriptions are <c>sc:painting</c> (v3 <c>supplementing</c> included), the
    /// others Open Annotation motivations (<see cref="OpenAnnotationMotivation"/>).
    /// </summary>
    private static bool IsPainting(string motivation) => motivation is "" or "painting" or "supplementing" or "transcribing";

    private static string OpenAnnotationMotivation(string motivation) =>
        motivation.Contains(':', StringComparison.Ordinal) ? motivation : "oa:" + motivation;
}

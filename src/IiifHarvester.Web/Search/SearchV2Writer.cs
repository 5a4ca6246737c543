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
    // Names and fixed values encoded once: every hit writes a dozen of them.
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText Motivation = JsonEncodedText.Encode("motivation");
    private static readonly JsonEncodedText Body = JsonEncodedText.Encode("body");
    private static readonly JsonEncodedText Value = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText Format = JsonEncodedText.Encode("format");
    private static readonly JsonEncodedText Language = JsonEncodedText.Encode("language");
    private static readonly JsonEncodedText Target = JsonEncodedText.Encode("target");
    private static readonly JsonEncodedText PartOf = JsonEncodedText.Encode("partOf");
    private static readonly JsonEncodedText Source = JsonEncodedText.Encode("source");
    private static readonly JsonEncodedText Selector = JsonEncodedText.Encode("selector");
    private static readonly JsonEncodedText Prefix = JsonEncodedText.Encode("prefix");
    private static readonly JsonEncodedText Exact = JsonEncodedText.Encode("exact");
    private static readonly JsonEncodedText Suffix = JsonEncodedText.Encode("suffix");
    private static readonly JsonEncodedText Annotation = JsonEncodedText.Encode("Annotation");
    private static readonly JsonEncodedText TextualBody = JsonEncodedText.Encode("TextualBody");
    private static readonly JsonEncodedText TextPlain = JsonEncodedText.Encode("text/plain");
    private static readonly JsonEncodedText Canvas = JsonEncodedText.Encode("Canvas");
    private static readonly JsonEncodedText Manifest = JsonEncodedText.Encode("Manifest");
    private static readonly JsonEncodedText Highlighting = JsonEncodedText.Encode("highlighting");
    private static readonly JsonEncodedText SpecificResource = JsonEncodedText.Encode("SpecificResource");
    private static readonly JsonEncodedText TextQuoteSelector = JsonEncodedText.Encode("TextQuoteSelector");

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
        using var manifests = acrossManifests ? new ManifestFragments() : null;
        foreach (var annotation in result.Annotations)
        {
            WriteAnnotation(writer, annotation, manifests, urls);
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

    /// <summary>One annotation; <paramref name="manifests"/> (across manifests) makes its target a Canvas reference naming its manifest; one on no canvas targets its manifest.</summary>
    private static void WriteAnnotation(Utf8JsonWriter writer, HitAnnotation annotation, ManifestFragments? manifests, PublicUrls urls)
    {
        writer.WriteStartObject();
        writer.WritePropertyName(Id);
        AnnotationIds.WriteOf(writer, annotation, urls);
        writer.WriteString(Type, Annotation);
        if (annotation.Motivation.Length > 0)
        {
            writer.WriteString(Motivation, annotation.Motivation);
        }

        writer.WriteStartObject(Body);
        writer.WriteString(Type, TextualBody);
        writer.WriteString(Value, annotation.Text);
        writer.WriteString(Format, TextPlain);
        if (annotation.Language is not null)
        {
            writer.WriteString(Language, annotation.Language);
        }

        writer.WriteEndObject();
        if (manifests is not null && !AnnotationIds.IsOnCanvas(annotation))
        {
            // On no canvas: the manifest it belongs to is the target.
            writer.WritePropertyName(Target);
            WriteManifest(writer, annotation);
        }
        else if (manifests is not null)
        {
            // A Canvas reference (Presentation 3 §3.3: partOf is a list) naming the manifest it belongs to.
            writer.WriteStartObject(Target);
            writer.WritePropertyName(Id);
            AnnotationIds.WriteTarget(writer, annotation);
            writer.WriteString(Type, Canvas);
            writer.WritePropertyName(PartOf);
            writer.WriteRawValue(manifests.Of(annotation.ManifestUri, annotation, WriteManifests), skipInputValidation: true);
            writer.WriteEndObject();
        }
        else
        {
            writer.WritePropertyName(Target);
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

    /// <summary>The <c>partOf</c> of a canvas across manifests: <c>[{"id", "type": "Manifest", "label"}]</c>.</summary>
    private static void WriteManifests(Utf8JsonWriter writer, HitAnnotation annotation)
    {
        writer.WriteStartArray();
        WriteManifest(writer, annotation);
        writer.WriteEndArray();
    }

    /// <summary>A Manifest reference: <c>{"id", "type": "Manifest", "label"}</c>.</summary>
    private static void WriteManifest(Utf8JsonWriter writer, HitAnnotation annotation)
    {
        writer.WriteStartObject();
        writer.WriteString(Id, annotation.ManifestUri);
        writer.WriteString(Type, Manifest);
        JsonWriting.WriteLanguageMap(writer, "label", annotation.ManifestLabel);
        writer.WriteEndObject();
    }

    private static void WriteHit(Utf8JsonWriter writer, SearchHit hit, string query, PublicUrls urls)
    {
        writer.WriteStartObject();
        writer.WriteString(Id, AnnotationIds.OfHit(hit, query, urls));
        writer.WriteString(Type, Annotation);
        writer.WriteString(Motivation, Highlighting);
        writer.WritePropertyName(Target);
        WriteTarget(writer, hit, urls);
        writer.WriteEndObject();
    }

    private static void WriteTarget(Utf8JsonWriter writer, SearchHit hit, PublicUrls urls)
    {
        writer.WriteStartObject();
        writer.WriteString(Type, SpecificResource);
        writer.WritePropertyName(Source);
        AnnotationIds.WriteOf(writer, hit.Annotation, urls);
        writer.WriteStartArray(Selector);
        writer.WriteStartObject();
        writer.WriteString(Type, TextQuoteSelector);
        if (hit.Before.Length > 0)
        {
            writer.WriteString(Prefix, hit.Before);
        }

        writer.WriteString(Exact, hit.Match);
        if (hit.After.Length > 0)
        {
            writer.WriteString(Suffix, hit.After);
        }

        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}

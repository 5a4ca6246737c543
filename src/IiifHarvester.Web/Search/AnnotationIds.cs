using System.Text.Json;
using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Identity;
using IiifHarvester.Indexing.Search;

namespace IiifHarvester.Web.Search;

/// <summary>The ids search answers give annotations and hits.</summary>
internal static class AnnotationIds
{
    /// <summary>The hit annotation's stable id under our base URL.</summary>
    public static string Of(HitAnnotation annotation, PublicUrls urls) =>
        urls.Annotation(annotation.ManifestKey, annotation.LocalId);

    /// <summary>A stable id for a Search 2.0 highlighting annotation: derived from the query and what it matched.</summary>
    public static string OfHit(SearchHit hit, string query, PublicUrls urls)
    {
        Span<char> buffer = stackalloc char[512];
        var key = buffer.TryWrite($"{query}|{hit.Annotation.LocalId}", out var written)
            ? ResourceKey.For(buffer[..written])
            : ResourceKey.For($"{query}|{hit.Annotation.LocalId}");
        return urls.Annotation(hit.Annotation.ManifestKey, "hit-" + key);
    }

    /// <summary>Writes <see cref="Of"/> as a JSON string value, composed on the stack rather than in a string of its own.</summary>
    public static void WriteOf(Utf8JsonWriter writer, HitAnnotation annotation, PublicUrls urls)
    {
        var length = urls.AnnotationLength(annotation.ManifestKey, annotation.LocalId);
        if (length > StackLength)
        {
            writer.WriteStringValue(Of(annotation, urls));
            return;
        }

        Span<char> buffer = stackalloc char[StackLength];
        urls.FormatAnnotation(buffer, annotation.ManifestKey, annotation.LocalId);
        writer.WriteStringValue(buffer[..length]);
    }

    /// <summary>
    /// The canvas with its region and time as a media fragment (<c>#xywh=…</c>, <c>#t=…</c>, or both joined by
    /// <c>&amp;</c>); the manifest for an annotation on no canvas (one on the manifest itself, or on a resource this
    /// reader does not take for a canvas).
    /// </summary>
    public static string Target(HitAnnotation annotation) =>
        annotation.CanvasId.Length == 0 ? annotation.ManifestUri : MediaFragment.Select(annotation.CanvasId, annotation.Region, annotation.Time);

    /// <summary>Whether the annotation is on a canvas (otherwise its target is its manifest).</summary>
    public static bool IsOnCanvas(HitAnnotation annotation) => annotation.CanvasId.Length > 0;

    /// <summary>Writes <see cref="Target"/> as a JSON string value, composed on the stack.</summary>
    public static void WriteTarget(Utf8JsonWriter writer, HitAnnotation annotation)
    {
        var canvas = annotation.CanvasId;
        if (canvas.Length == 0)
        {
            writer.WriteStringValue(annotation.ManifestUri);
            return;
        }

        if (annotation.Region is null && annotation.Time is null)
        {
            writer.WriteStringValue(canvas);
            return;
        }

        if (canvas.Length + MediaFragment.MaxLength > StackLength)
        {
            writer.WriteStringValue(Target(annotation));
            return;
        }

        Span<char> buffer = stackalloc char[StackLength];
        writer.WriteStringValue(buffer[..MediaFragment.Format(buffer, canvas, annotation.Region, annotation.Time)]);
    }

    private const int StackLength = 512;
}

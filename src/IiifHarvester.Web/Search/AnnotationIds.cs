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
    public static string Target(HitAnnotation annotation)
    {
        if (annotation.CanvasId.Length == 0)
        {
            return annotation.ManifestUri;
        }

        return CanvasTarget(annotation.CanvasId, annotation.Region, annotation.Time);
    }

    /// <summary>A canvas id with a region and a time as its media fragment (either, both joined by <c>&amp;</c>, or none).</summary>
    public static string CanvasTarget(string canvasId, Region? region, TimeRange? time)
    {
        ArgumentNullException.ThrowIfNull(canvasId);
        if (region is null && time is null)
        {
            return canvasId;
        }

        var buffer = new char[canvasId.Length + FragmentLength];
        return new string(buffer, 0, FormatTarget(buffer, canvasId, region, time));
    }

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

        if (canvas.Length + FragmentLength > StackLength)
        {
            writer.WriteStringValue(Target(annotation));
            return;
        }

        Span<char> buffer = stackalloc char[StackLength];
        writer.WriteStringValue(buffer[..FormatTarget(buffer, canvas, annotation.Region, annotation.Time)]);
    }

    /// <summary>The canvas id and its media fragment, written into <paramref name="buffer"/> (at least the id and <see cref="FragmentLength"/> long).</summary>
    private static int FormatTarget(Span<char> buffer, string canvas, Region? region, TimeRange? time)
    {
        canvas.CopyTo(buffer);
        var at = canvas.Length;
        if (region is { } box)
        {
            Region.FragmentPrefix.CopyTo(buffer[at..]);
            at += Region.FragmentPrefix.Length;
            box.TryFormatXywh(buffer[at..], out var written);
            at += written;
        }

        if (time is { } stretch)
        {
            buffer[at++] = region is null ? '#' : '&';
            stretch.TryFormat(buffer[at..], out var written);
            at += written;
        }

        return at;
    }

    /// <summary>The longest media fragment <see cref="FormatTarget"/> writes after the canvas id.</summary>
    private const int FragmentLength = 6 + Region.MaxXywhLength + 1 + TimeRange.MaxLength;

    private const int StackLength = 512;
}

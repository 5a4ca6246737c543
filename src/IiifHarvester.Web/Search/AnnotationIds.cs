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

    /// <summary>The canvas with its region as a media fragment.</summary>
    public static string Target(HitAnnotation annotation) =>
        annotation.Region is { } region ? $"{annotation.CanvasId}#xywh={region.ToXywh()}" : annotation.CanvasId;
}

namespace IiifHarvester.Iiif.Model;

/// <summary>
/// A resource that a document links to: homepage/related, seeAlso, rendering, thumbnail, logo, partOf/within,
/// a referenced annotation list or page.
/// </summary>
public sealed record LinkedResource
{
    /// <summary>The resource's id, resolved against the document's id when relative.</summary>
    public required string Id { get; init; }

    /// <summary>The type as published, normalised to the v3 name where known (<c>Text</c>, <c>Image</c>, <c>Dataset</c>, <c>AnnotationPage</c>...).</summary>
    public string? Type { get; init; }

    /// <summary>The label, per language.</summary>
    public LanguageMap Label { get; init; } = LanguageMap.Empty;

    /// <summary>The media type, when given.</summary>
    public string? Format { get; init; }

    /// <summary>The profile, when given (e.g. an ALTO schema URI or <c>http://kba.cloud/hocr-spec</c>).</summary>
    public string? Profile { get; init; }

    /// <summary>The languages the resource is in, when given.</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];

    /// <summary>Services attached to the resource (e.g. an image service on a thumbnail).</summary>
    public IReadOnlyList<ServiceReference> Services { get; init; } = [];
}

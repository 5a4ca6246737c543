using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Parsing;

namespace IiifHarvester.Iiif.Model;

/// <summary>
/// A manifest or collection from Presentation 2.1 or 3.0 (or a pre-2.0 shared-canvas document), normalised to
/// one model. The harvester indexes this; the raw bytes stay in the store for re-serving.
/// </summary>
public sealed record PresentationResource : IiifDocument
{
    /// <summary>Manifest or collection.</summary>
    public required PresentationKind Kind { get; init; }

    /// <summary>The label, per language.</summary>
    public LanguageMap Label { get; init; } = LanguageMap.Empty;

    /// <summary>v3 <c>summary</c>; v2 <c>description</c>.</summary>
    public LanguageMap Summary { get; init; } = LanguageMap.Empty;

    /// <summary>The metadata pairs, in order.</summary>
    public IReadOnlyList<MetadataEntry> Metadata { get; init; } = [];

    /// <summary>v3 <c>requiredStatement</c>; v2 <c>attribution</c> (label "Attribution").</summary>
    public MetadataEntry? RequiredStatement { get; init; }

    /// <summary>v3 <c>rights</c>; v2 <c>license</c> (first).</summary>
    public string? Rights { get; init; }

    /// <summary>v3 <c>provider</c>; for v2, an agent synthesised from <c>logo</c> when there is one.</summary>
    public IReadOnlyList<Agent> Providers { get; init; } = [];

    /// <summary>v3 <c>homepage</c>; v2 <c>related</c>.</summary>
    public IReadOnlyList<LinkedResource> Homepage { get; init; } = [];

    /// <summary><c>seeAlso</c>.</summary>
    public IReadOnlyList<LinkedResource> SeeAlso { get; init; } = [];

    /// <summary><c>rendering</c>.</summary>
    public IReadOnlyList<LinkedResource> Rendering { get; init; } = [];

    /// <summary><c>thumbnail</c>.</summary>
    public IReadOnlyList<LinkedResource> Thumbnail { get; init; } = [];

    /// <summary>v2 <c>logo</c> (v3 logos live on providers).</summary>
    public IReadOnlyList<LinkedResource> Logo { get; init; } = [];

    /// <summary>v3 <c>partOf</c>; v2 <c>within</c>.</summary>
    public IReadOnlyList<LinkedResource> PartOf { get; init; } = [];

    /// <summary><c>navDate</c>.</summary>
    public DateTimeOffset? NavDate { get; init; }

    /// <summary><c>viewingDirection</c> (left-to-right, right-to-left, top-to-bottom, bottom-to-top).</summary>
    public string? ViewingDirection { get; init; }

    /// <summary>v3 <c>behavior</c>; v2 <c>viewingHint</c> values.</summary>
    public IReadOnlyList<string> Behavior { get; init; } = [];

    /// <summary>The id of the canvas to start at, when given (without a fragment).</summary>
    public string? StartCanvas { get; init; }

    /// <summary>Canvases in order (manifests).</summary>
    public IReadOnlyList<Canvas> Canvases { get; init; } = [];

    /// <summary>Top-level ranges (manifests).</summary>
    public IReadOnlyList<IiifRange> Ranges { get; init; } = [];

    /// <summary>Members in order (collections): v3 <c>items</c>; v2 <c>members</c>, <c>collections</c> then <c>manifests</c>.</summary>
    public IReadOnlyList<CollectionMember> Members { get; init; } = [];

    /// <summary>Paged v2 collections: the first page.</summary>
    public string? First { get; init; }

    /// <summary>Paged v2 collections: the last page.</summary>
    public string? Last { get; init; }

    /// <summary>Paged v2 collection pages: the next page.</summary>
    public string? Next { get; init; }

    /// <summary>Paged v2 collection pages: the previous page.</summary>
    public string? Prev { get; init; }

    /// <summary>Paged v2 collection pages: the index of the page's first member in the whole collection.</summary>
    public int? StartIndex { get; init; }

    /// <summary>Paged v2 collections: the total number of members.</summary>
    public int? Total { get; init; }

    /// <summary>Every service declared on the resource itself (search, autocomplete, auth...).</summary>
    public IReadOnlyList<ServiceReference> Services { get; init; } = [];

    /// <summary>Non-painting annotations embedded in the document (on canvases or on the manifest).</summary>
    public IReadOnlyList<AnnotationRecord> Annotations { get; init; } = [];

    /// <summary>Annotation lists or pages referenced at manifest level (v3 <c>annotations</c> on the manifest).</summary>
    public IReadOnlyList<LinkedResource> AnnotationReferences { get; init; } = [];

    /// <summary>
    /// OCR files linked from the manifest itself (<c>seeAlso</c>/<c>rendering</c>), attributed to its canvas when the
    /// manifest has exactly one; canvas-level files are on <see cref="Canvas.OcrReferences"/>.
    /// </summary>
    public IReadOnlyList<OcrReference> OcrReferences { get; init; } = [];

    /// <summary>Every rights/license URI given (v2 <c>license</c> may list several); <see cref="Rights"/> is the first.</summary>
    public IReadOnlyList<string> Licenses { get; init; } = [];

    /// <summary>Languages of the resource's values (every language key seen in label, summary and metadata).</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];
}

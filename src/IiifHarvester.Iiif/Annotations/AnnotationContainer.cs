using IiifHarvester.Iiif.Model;
using IiifHarvester.Iiif.Parsing;

namespace IiifHarvester.Iiif.Annotations;

/// <summary>An annotation list, layer, page or collection (or a lone annotation), parsed.</summary>
public sealed record AnnotationContainer : IiifDocument
{
    /// <summary>What kind of container.</summary>
    public required AnnotationContainerKind Kind { get; init; }

    /// <summary>The label, per language.</summary>
    public LanguageMap Label { get; init; } = LanguageMap.Empty;

    /// <summary>The textual annotations it holds, in order (painting image annotations are not included).</summary>
    public IReadOnlyList<AnnotationRecord> Annotations { get; init; } = [];

    /// <summary>The layer/collection it is within (<c>within</c>/<c>partOf</c>).</summary>
    public IReadOnlyList<LinkedResource> PartOf { get; init; } = [];

    /// <summary>Paging: first page (layers and collections).</summary>
    public string? First { get; init; }

    /// <summary>Paging: last page.</summary>
    public string? Last { get; init; }

    /// <summary>Paging: next page.</summary>
    public string? Next { get; init; }

    /// <summary>Paging: previous page.</summary>
    public string? Prev { get; init; }

    /// <summary>Total annotations, when the container says.</summary>
    public int? Total { get; init; }

    /// <summary>Lists/pages the container references without embedding (a layer's <c>otherContent</c>).</summary>
    public IReadOnlyList<LinkedResource> References { get; init; } = [];
}

using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Parsing;

namespace IiifHarvester.Iiif.Model;

/// <summary>A v2 <c>sc:Sequence</c> published as a document of its own (Presentation 2.1 §5.1.2).</summary>
public sealed record SequenceDocument : IiifDocument
{
    /// <summary>The label, per language.</summary>
    public LanguageMap Label { get; init; } = LanguageMap.Empty;

    /// <summary>The canvases in order.</summary>
    public IReadOnlyList<Canvas> Canvases { get; init; } = [];

    /// <summary>The textual annotations embedded in the canvases.</summary>
    public IReadOnlyList<AnnotationRecord> Annotations { get; init; } = [];

    /// <summary>The sequence's viewingDirection, when valid.</summary>
    public string? ViewingDirection { get; init; }
}

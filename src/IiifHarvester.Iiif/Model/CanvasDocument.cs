using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Parsing;

namespace IiifHarvester.Iiif.Model;

/// <summary>A canvas published as a document of its own (a dereferenced v2 <c>sc:Canvas</c> or v3 <c>Canvas</c>).</summary>
public sealed record CanvasDocument : IiifDocument
{
    /// <summary>The canvas.</summary>
    public required Canvas Canvas { get; init; }

    /// <summary>The textual annotations embedded in the canvas.</summary>
    public IReadOnlyList<AnnotationRecord> Annotations { get; init; } = [];

    /// <summary>The manifest the canvas says it is within (<c>within</c>/<c>partOf</c>), when it says.</summary>
    public IReadOnlyList<LinkedResource> PartOf { get; init; } = [];
}

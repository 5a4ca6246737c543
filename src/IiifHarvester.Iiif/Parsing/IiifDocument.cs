using IiifHarvester.Iiif.Model;

namespace IiifHarvester.Iiif.Parsing;

/// <summary>A parsed IIIF document: presentation resource, annotation container or Discovery document.</summary>
public abstract record IiifDocument
{
    /// <summary>The document's id (<c>@id</c>/<c>id</c>), absolute.</summary>
    public required string Id { get; init; }

    /// <summary>The Presentation version, when the document is a presentation or annotation document.</summary>
    public IiifVersion Version { get; init; }

    /// <summary>The <c>@context</c> values as published.</summary>
    public IReadOnlyList<string> Contexts { get; init; } = [];
}

namespace IiifHarvester.Iiif.Model;

/// <summary>A range (structure / table of contents entry).</summary>
public sealed record IiifRange
{
    /// <summary>The range id.</summary>
    public required string Id { get; init; }

    /// <summary>The label, per language.</summary>
    public LanguageMap Label { get; init; } = LanguageMap.Empty;

    /// <summary>Canvas ids the range covers directly, in order (fragments stripped).</summary>
    public IReadOnlyList<string> CanvasIds { get; init; } = [];

    /// <summary>Nested ranges, in order.</summary>
    public IReadOnlyList<IiifRange> Ranges { get; init; } = [];
}

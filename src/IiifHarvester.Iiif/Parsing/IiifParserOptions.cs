namespace IiifHarvester.Iiif.Parsing;

/// <summary>Bounds on what a parser accepts, so a hostile or broken document cannot exhaust the harvester.</summary>
public sealed record IiifParserOptions
{
    /// <summary>The default options.</summary>
    public static readonly IiifParserOptions Default = new();

    /// <summary>Maximum JSON nesting depth.</summary>
    /// <value>Defaults to 128.</value>
    public int MaxDepth { get; init; } = 128;

    /// <summary>Maximum document size in bytes.</summary>
    /// <value>Defaults to 64 MiB.</value>
    public long MaxBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Maximum canvases kept from one manifest; the rest are dropped with a warning.</summary>
    /// <value>Defaults to 100,000.</value>
    public int MaxCanvases { get; init; } = 100_000;

    /// <summary>Maximum annotations kept from one document; the rest are dropped with a warning.</summary>
    /// <value>Defaults to 1,000,000.</value>
    public int MaxAnnotations { get; init; } = 1_000_000;

    /// <summary>Maximum collection members kept from one collection (nested members included).</summary>
    /// <value>Defaults to 1,000,000.</value>
    public int MaxMembers { get; init; } = 1_000_000;

    /// <summary>Maximum nesting of ranges and of embedded collections followed; deeper ones are dropped with a warning.</summary>
    /// <value>Defaults to 32.</value>
    public int MaxStructureDepth { get; init; } = 32;

    /// <summary>Maximum distinct warnings kept (each counts its repeats); later kinds are dropped.</summary>
    /// <value>Defaults to 100.</value>
    public int MaxWarnings { get; init; } = 100;

    /// <summary>The URI the document was fetched from: resolves relative ids and stands in for a missing one where that is safe.</summary>
    public string? DocumentUri { get; init; }

    /// <summary>
    /// The manifest an annotation document was referenced from (an <c>otherContent</c> list, a referenced page),
    /// copied into <see cref="Annotations.AnnotationRecord.ManifestId"/> of its annotations.
    /// </summary>
    public string? ManifestUri { get; init; }
}

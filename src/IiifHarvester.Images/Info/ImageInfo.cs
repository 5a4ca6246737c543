using IiifHarvester.Images.Requests;

namespace IiifHarvester.Images.Info;

/// <summary>What an upstream's info.json says, parsed by <see cref="ImageInfoParser"/>.</summary>
public sealed record ImageInfo
{
    /// <summary>The version the document is written in (2.x or 3.0; a 1.x document is read as 2.x).</summary>
    public required ImageApiVersion Version { get; init; }

    /// <summary>
    /// Whether the document is Image API 1.x: the service is asked in 2.x syntax with 1.x's quality names
    /// (<see cref="Version1Paths"/>).
    /// </summary>
    public bool Version1 { get; init; }

    /// <summary>The <c>id</c> / <c>@id</c> as published.</summary>
    public required string Id { get; init; }

    /// <summary>Full width in pixels.</summary>
    public required int Width { get; init; }

    /// <summary>Full height in pixels.</summary>
    public required int Height { get; init; }

    /// <summary>Compliance level 0, 1 or 2 (0 when the profile cannot be read: the least we may assume).</summary>
    public required int Level { get; init; }

    /// <summary><c>maxWidth</c>, if given.</summary>
    public int? MaxWidth { get; init; }

    /// <summary><c>maxHeight</c>, if given.</summary>
    public int? MaxHeight { get; init; }

    /// <summary><c>maxArea</c>, if given.</summary>
    public long? MaxArea { get; init; }

    /// <summary>Features beyond the level, in 3.0 names (2.x names mapped).</summary>
    public IReadOnlySet<string> ExtraFeatures { get; init; } = new HashSet<string>();

    /// <summary>Qualities beyond the level.</summary>
    public IReadOnlySet<string> ExtraQualities { get; init; } = new HashSet<string>();

    /// <summary>Formats beyond the level.</summary>
    public IReadOnlySet<string> ExtraFormats { get; init; } = new HashSet<string>();

    /// <summary>The <c>tiles</c> entries.</summary>
    public IReadOnlyList<TileSpec> Tiles { get; init; } = [];

    /// <summary>The <c>sizes</c> entries (of the full image).</summary>
    public IReadOnlyList<ImageSize> Sizes { get; init; } = [];

    /// <summary>Whether the document names IIIF Auth services (the images may need credentials).</summary>
    public bool HasAuthServices { get; init; }
}

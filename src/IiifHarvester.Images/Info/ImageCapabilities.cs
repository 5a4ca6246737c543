using IiifHarvester.Images.Requests;

namespace IiifHarvester.Images.Info;

/// <summary>
/// What we serve for one image in one Image API version: level 2 made locally from what the upstream can do (its
/// tiles and sizes at level 0, its regions and sizes above), or only the upstream's own listed tiles and sizes when
/// upgrading level 0 is off. Built by <see cref="ImageCapabilitiesBuilder"/>; requests are checked against it.
/// </summary>
public sealed record ImageCapabilities
{
    /// <summary>The version we answer in (the client's choice; not necessarily the upstream's).</summary>
    public required ImageApiVersion Version { get; init; }

    /// <summary>The version the upstream speaks: upstream paths and cache keys are in its syntax.</summary>
    public ImageApiVersion UpstreamVersion => Upstream?.Version ?? Version;

    /// <summary>
    /// What the upstream itself can do (its own version, level, features and limits); <see langword="null"/> when this
    /// is the upstream's own description.
    /// </summary>
    public ImageCapabilities? Upstream { get; init; }

    /// <summary>The upstream's own abilities (this record when it describes the upstream itself).</summary>
    public ImageCapabilities Own => Upstream ?? this;

    /// <summary>Full width.</summary>
    public required int Width { get; init; }

    /// <summary>Full height.</summary>
    public required int Height { get; init; }

    /// <summary>The compliance level we really serve.</summary>
    public required int Level { get; init; }

    /// <summary>The upstream's own level.</summary>
    public required int UpstreamLevel { get; init; }

    /// <summary>Whether requests the upstream cannot answer are made locally from what it can (tiles, sizes, regions).</summary>
    public required bool ComposesLocally { get; init; }

    /// <summary>Width limit, if any.</summary>
    public int? MaxWidth { get; init; }

    /// <summary>Height limit, if any.</summary>
    public int? MaxHeight { get; init; }

    /// <summary>Area limit, if any.</summary>
    public long? MaxArea { get; init; }

    /// <summary>Features we serve, in 3.0 names.</summary>
    public required IReadOnlySet<string> Features { get; init; }

    /// <summary>Qualities we serve.</summary>
    public required IReadOnlySet<string> Qualities { get; init; }

    /// <summary>Formats we serve.</summary>
    public required IReadOnlySet<string> Formats { get; init; }

    /// <summary>The upstream's tiles.</summary>
    public IReadOnlyList<TileSpec> Tiles { get; init; } = [];

    /// <summary>The upstream's sizes.</summary>
    public IReadOnlyList<ImageSize> Sizes { get; init; } = [];
}

using IiifHarvester.Images.Requests;

namespace IiifHarvester.Images.Info;

/// <summary>
/// What we serve for one image: the upstream's own abilities, or level 2 composed locally when the upstream is level 0
/// and upgrading is on. Built by <see cref="ImageCapabilitiesBuilder"/>; requests are checked against it.
/// </summary>
public sealed record ImageCapabilities
{
    /// <summary>The version we answer in (the upstream's).</summary>
    public required ImageApiVersion Version { get; init; }

    /// <summary>Full width.</summary>
    public required int Width { get; init; }

    /// <summary>Full height.</summary>
    public required int Height { get; init; }

    /// <summary>The compliance level we really serve.</summary>
    public required int Level { get; init; }

    /// <summary>The upstream's own level.</summary>
    public required int UpstreamLevel { get; init; }

    /// <summary>Whether requests the upstream cannot answer are composed locally from its tiles or sizes.</summary>
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

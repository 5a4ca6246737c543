using IiifHarvester.Images.Requests;

namespace IiifHarvester.Images.Info;

/// <summary>
/// Works out what we serve for an image from its upstream info.json and the compliance tables
/// (3.0 compliance §3–§5; 2.1 compliance §2–§4).
/// </summary>
public static class ImageCapabilitiesBuilder
{
    /// <summary>Features we implement locally with libvips (level 2 and these extras).</summary>
    public static IReadOnlySet<string> LocalFeatures { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "regionByPx", "regionByPct", "regionSquare", "sizeByW", "sizeByH", "sizeByPct", "sizeByWh", "sizeByConfinedWh",
        "sizeByDistortedWh", "sizeUpscaling", "rotationBy90s", "rotationArbitrary", "mirroring",
    };

    /// <summary>Formats we encode locally.</summary>
    public static IReadOnlySet<string> LocalFormats { get; } = new HashSet<string>(StringComparer.Ordinal) { "jpg", "png", "webp", "tif", "gif" };

    /// <summary>Qualities we produce locally.</summary>
    public static IReadOnlySet<string> LocalQualities { get; } = new HashSet<string>(StringComparer.Ordinal) { "default", "color", "gray", "bitonal" };

    /// <summary>Builds what we serve for an image in <paramref name="version"/>.</summary>
    /// <param name="info">The upstream's info.</param>
    /// <param name="version">The version the client asked for (either, whatever the upstream speaks).</param>
    /// <param name="upgradeLevel0">Whether to serve level 2 locally for a level 0 upstream.</param>
    /// <param name="maxArea">
    /// The area limit we advertise and enforce (with the upstream's own limits): it bounds <c>^max</c>, upscaling and
    /// every image made locally.
    /// </param>
    public static ImageCapabilities Build(ImageInfo info, ImageApiVersion version, bool upgradeLevel0, long maxArea)
    {
        ArgumentNullException.ThrowIfNull(info);
        var own = BuildUpstream(info);
        if (info.Level == 0 && !upgradeLevel0)
        {
            // Only the listed tiles and sizes, passed through (in either version's syntax).
            return own with { Version = version, Upstream = own };
        }

        return new ImageCapabilities
        {
            Version = version,
            Upstream = own,
            Width = info.Width,
            Height = info.Height,
            Level = 2,
            UpstreamLevel = info.Level,
            ComposesLocally = true,
            MaxWidth = own.MaxWidth,
            MaxHeight = own.MaxHeight,
            MaxArea = own.MaxArea is { } upstreamArea ? Math.Min(upstreamArea, maxArea) : maxArea,
            Features = LocalFeatures,
            Qualities = LocalQualities,
            Formats = LocalFormats,
            Tiles = info.Tiles,
            Sizes = info.Sizes,
        };
    }

    /// <summary>
    /// What the upstream itself can do, in its own version, from its info.json and the compliance tables (a 1.x
    /// upstream's from 1.1's, which differs from 2.x's only in rotation at level 1).
    /// </summary>
    public static ImageCapabilities BuildUpstream(ImageInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var features = new HashSet<string>(info.ExtraFeatures, StringComparer.Ordinal);
        var qualities = new HashSet<string>(info.ExtraQualities, StringComparer.Ordinal) { "default" };
        var formats = new HashSet<string>(info.ExtraFormats, StringComparer.Ordinal) { "jpg" };
        if (info.Level >= 1)
        {
            features.UnionWith(["regionByPx", "sizeByW", "sizeByH"]);
            features.Add(info.Version == ImageApiVersion.V3 ? "sizeByWh" : "sizeByPct");
            if (info.Version == ImageApiVersion.V3)
            {
                features.Add("regionSquare");
            }

            if (info.Version1)
            {
                // 1.1 (and 1.0) compliance §2: level 1 already rotates by 90, 180 and 270 (2.x moved it to level 2).
                features.Add("rotationBy90s");
            }
        }

        if (info.Level >= 2)
        {
            features.UnionWith(["regionByPct", "sizeByPct", "sizeByConfinedWh", "sizeByWh", "rotationBy90s"]);
            qualities.UnionWith(["color", "gray"]);
            formats.Add("png");
            if (info.Version == ImageApiVersion.V2)
            {
                features.Add("sizeByDistortedWh");
                qualities.Add("bitonal");
            }
        }

        return new ImageCapabilities
        {
            Version = info.Version,
            Width = info.Width,
            Height = info.Height,
            Level = info.Level,
            UpstreamLevel = info.Level,
            ComposesLocally = false,
            MaxWidth = info.MaxWidth,
            MaxHeight = info.MaxHeight ?? info.MaxWidth,
            MaxArea = info.MaxArea,
            Features = features,
            Qualities = qualities,
            Formats = formats,
            Tiles = info.Tiles,
            Sizes = info.Sizes,
        };
    }
}

using System.Globalization;
using IiifHarvester.Images.Info;

namespace IiifHarvester.Images.Requests;

/// <summary>
/// An image request resolved against the image: the region in pixels (cropped to the image), the output size, and the
/// rest. Equivalent requests resolve to equal values and so share one <see cref="CanonicalPath"/> and cache entry.
/// </summary>
public sealed record ResolvedImageRequest
{
    /// <summary>The version whose canonical syntax <see cref="CanonicalPath"/> uses.</summary>
    public required ImageApiVersion Version { get; init; }

    /// <summary>Region x.</summary>
    public required int X { get; init; }

    /// <summary>Region y.</summary>
    public required int Y { get; init; }

    /// <summary>Region width.</summary>
    public required int RegionWidth { get; init; }

    /// <summary>Region height.</summary>
    public required int RegionHeight { get; init; }

    /// <summary>Whether the region is the whole image.</summary>
    public required bool IsFullRegion { get; init; }

    /// <summary>Output width before rotation.</summary>
    public required int Width { get; init; }

    /// <summary>Output height before rotation.</summary>
    public required int Height { get; init; }

    /// <summary>Whether the size equals the <c>max</c> (or <c>^max</c>) size for the region.</summary>
    public required bool IsMaxSize { get; init; }

    /// <summary>Mirror before rotating.</summary>
    public required bool Mirror { get; init; }

    /// <summary>Clockwise degrees, 0 ≤ r &lt; 360.</summary>
    public required double Rotation { get; init; }

    /// <summary>Quality.</summary>
    public required string Quality { get; init; }

    /// <summary>Format.</summary>
    public required string Format { get; init; }

    /// <summary>Whether the output is larger than the region in either dimension.</summary>
    public bool IsUpscaled => Width > RegionWidth || Height > RegionHeight;

    /// <summary>The region in canonical form: <c>full</c> or <c>x,y,w,h</c>.</summary>
    public string CanonicalRegion => IsFullRegion ? "full" : Inv($"{X},{Y},{RegionWidth},{RegionHeight}");

    /// <summary>The size in the version's canonical form (3.0 §4.7; 2.1 §4.7).</summary>
    public string CanonicalSize
    {
        get
        {
            if (Version == ImageApiVersion.V3)
            {
                var prefix = IsUpscaled ? "^" : string.Empty;
                return IsMaxSize ? prefix + "max" : prefix + Inv($"{Width},{Height}");
            }

            // 2.1: "full" for the full size, "w," when the aspect ratio is kept, "w,h" when distorted.
            if (Width == RegionWidth && Height == RegionHeight)
            {
                return "full";
            }

            return HeightForWidth(RegionWidth, RegionHeight, Width) == Height ? Inv($"{Width},") : Inv($"{Width},{Height}");
        }
    }

    /// <summary>The rotation in canonical form: <c>!</c> if mirrored, an integer where possible, no trailing zeros.</summary>
    public string CanonicalRotation => (Mirror ? "!" : string.Empty) + FormatNumber(Rotation);

    /// <summary><c>{region}/{size}/{rotation}/{quality}.{format}</c> in canonical form.</summary>
    public string CanonicalPath => field ??= $"{CanonicalRegion}/{CanonicalSize}/{CanonicalRotation}/{Quality}.{Format}";

    /// <summary>Whether rotation is a multiple of 90.</summary>
    public bool IsRightAngle => Rotation % 90 == 0;

    /// <summary>The output size before rotation.</summary>
    public ImageSize Size => new(Width, Height);

    /// <summary>
    /// The same request in the upstream's version, with <c>max</c> meaning the upstream's own max: its
    /// <see cref="CanonicalPath"/> is what we ask the upstream for, and (shared by clients of either version) the
    /// request's cache key.
    /// </summary>
    public ResolvedImageRequest ForUpstream(ImageCapabilities upstream)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        var max = ImageRequestResolver.MaxSize(RegionWidth, RegionHeight, upstream, IsUpscaled);
        return WithSize(upstream.Version, Width, Height, Width == max.Width && Height == max.Height) with
        {
            Mirror = Mirror,
            Rotation = Rotation,
            Quality = Quality,
            Format = Format,
        };
    }

    /// <summary>
    /// The region of this request at another size, unmirrored, unrotated, default quality, jpg: what a local
    /// transform is made from.
    /// </summary>
    public ResolvedImageRequest WithSize(ImageApiVersion version, int width, int height, bool isMaxSize) => new()
    {
        // Built afresh rather than with 'with', which would copy the memoized canonical path.
        Version = version,
        X = X,
        Y = Y,
        RegionWidth = RegionWidth,
        RegionHeight = RegionHeight,
        IsFullRegion = IsFullRegion,
        Width = width,
        Height = height,
        IsMaxSize = isMaxSize,
        Mirror = false,
        Rotation = 0,
        Quality = "default",
        Format = "jpg",
    };

    /// <summary>The height that <c>w,</c> gives for a region: the aspect ratio kept, rounded, at least 1.</summary>
    public static int HeightForWidth(int regionWidth, int regionHeight, int width)
        => Math.Max(1, (int)Math.Round((double)regionHeight * width / regionWidth, MidpointRounding.AwayFromZero));

    /// <summary>The width that <c>,h</c> gives for a region.</summary>
    public static int WidthForHeight(int regionWidth, int regionHeight, int height)
        => Math.Max(1, (int)Math.Round((double)regionWidth * height / regionHeight, MidpointRounding.AwayFromZero));

    /// <summary>A number without trailing zeros and with a leading 0 before the point (3.0 §4.7).</summary>
    public static string FormatNumber(double value)
    {
        var s = Math.Round(value, 10).ToString("0.##########", CultureInfo.InvariantCulture);
        return s;
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

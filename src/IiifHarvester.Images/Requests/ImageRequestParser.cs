using System.Globalization;

namespace IiifHarvester.Images.Requests;

/// <summary>
/// Parses the four path parameters of an image request in the syntax of one Image API version. Pure syntax: bounds
/// that depend on the image are checked by <see cref="ImageRequestResolver"/>.
/// </summary>
public static class ImageRequestParser
{
    /// <summary>Qualities either version defines (3.0 §4.4, 2.1 §4.4).</summary>
    public static IReadOnlySet<string> KnownQualities { get; } = new HashSet<string>(StringComparer.Ordinal) { "default", "color", "gray", "bitonal" };

    /// <summary>Formats either version defines (3.0 §4.5, 2.1 §4.5).</summary>
    public static IReadOnlySet<string> KnownFormats { get; } = new HashSet<string>(StringComparer.Ordinal) { "jpg", "tif", "png", "gif", "jp2", "pdf", "webp" };

    /// <summary>Parses <c>{region}/{size}/{rotation}/{quality}.{format}</c>; throws <see cref="ImageRequestException"/> (400).</summary>
    public static ImageRequest Parse(ImageApiVersion version, string region, string size, string rotation, string qualityAndFormat)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(size);
        ArgumentNullException.ThrowIfNull(rotation);
        ArgumentNullException.ThrowIfNull(qualityAndFormat);

        var parsedRegion = ParseRegion(region);
        var parsedSize = ParseSize(version, size);
        var (mirror, degrees) = ParseRotation(rotation);
        var dot = qualityAndFormat.LastIndexOf('.');
        if (dot <= 0 || dot == qualityAndFormat.Length - 1)
        {
            throw ImageRequestException.BadRequest($"'{qualityAndFormat}' is not {{quality}}.{{format}}.");
        }

        var quality = qualityAndFormat[..dot];
        if (version == ImageApiVersion.V2 && quality == "native")
        {
            // 1.1 §4.4's name for default (renamed in 2.0): manifests publish 1.x image URLs under services we answer in 2.x.
            quality = "default";
        }

        var format = qualityAndFormat[(dot + 1)..];
        if (!KnownQualities.Contains(quality))
        {
            throw ImageRequestException.BadRequest($"Unknown quality '{quality}'.");
        }

        if (!KnownFormats.Contains(format))
        {
            throw ImageRequestException.BadRequest($"Unknown format '{format}'.");
        }

        return new ImageRequest(parsedRegion, parsedSize, mirror, degrees, quality, format);
    }

    /// <summary>Parses a region: <c>full</c>, <c>square</c>, <c>x,y,w,h</c> or <c>pct:x,y,w,h</c>.</summary>
    public static RegionSpec ParseRegion(string region)
    {
        ArgumentNullException.ThrowIfNull(region);
        switch (region)
        {
            case "full":
                return RegionSpec.Full;
            case "square":
                // 3.0 requires it at level 1; 2.1 added it as the optional regionSquare feature: one syntax for both.
                return new RegionSpec(RegionKind.Square);
        }

        if (region.StartsWith("pct:", StringComparison.Ordinal))
        {
            var p = SplitFour(region[4..], region, allowFraction: true);
            if (p[2] <= 0 || p[3] <= 0)
            {
                throw ImageRequestException.BadRequest($"Region '{region}' has zero width or height.");
            }

            if (p[0] >= 100 || p[1] >= 100)
            {
                throw ImageRequestException.BadRequest($"Region '{region}' lies entirely outside the image.");
            }

            return new RegionSpec(RegionKind.Percent, p[0], p[1], p[2], p[3]);
        }

        var px = SplitFour(region, region, allowFraction: false);
        if (px[2] <= 0 || px[3] <= 0)
        {
            throw ImageRequestException.BadRequest($"Region '{region}' has zero width or height.");
        }

        return new RegionSpec(RegionKind.Pixels, px[0], px[1], px[2], px[3]);
    }

    /// <summary>Parses a size in the given version's syntax.</summary>
    public static SizeSpec ParseSize(ImageApiVersion version, string size)
    {
        ArgumentNullException.ThrowIfNull(size);
        var upscale = false;
        var s = size;
        if (s.StartsWith('^'))
        {
            if (version == ImageApiVersion.V2)
            {
                // 2.1 has no ^ syntax: upscaling there is the sizeAboveFull feature of the plain forms.
                throw ImageRequestException.BadRequest("The '^' size prefix is Image API 3.0 syntax.");
            }

            upscale = true;
            s = s[1..];
        }

        switch (s)
        {
            case "max":
                return new SizeSpec(SizeKind.Max, upscale);
            case "full" when version == ImageApiVersion.V2:
                return new SizeSpec(SizeKind.Full);
            case "full":
                throw ImageRequestException.BadRequest("Size 'full' was removed in Image API 3.0; use 'max'.");
        }

        if (s.StartsWith("pct:", StringComparison.Ordinal))
        {
            var n = ParseNumber(s[4..], allowFraction: true, size);
            if (n <= 0)
            {
                throw ImageRequestException.BadRequest($"Size '{size}' is zero.");
            }

            return new SizeSpec(SizeKind.Percent, upscale, Percent: n);
        }

        var confined = s.StartsWith('!');
        if (confined)
        {
            s = s[1..];
        }

        var comma = s.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0 || s.IndexOf(',', comma + 1) >= 0)
        {
            throw ImageRequestException.BadRequest($"Size '{size}' is malformed.");
        }

        var wText = s[..comma];
        var hText = s[(comma + 1)..];
        int? w = wText.Length == 0 ? null : ParseInt(wText, size);
        int? h = hText.Length == 0 ? null : ParseInt(hText, size);
        if (w is 0 || h is 0)
        {
            throw ImageRequestException.BadRequest($"Size '{size}' asks for zero pixels.");
        }

        return (w, h, confined) switch
        {
            (null, null, _) => throw ImageRequestException.BadRequest($"Size '{size}' is malformed."),
            (not null, not null, true) => new SizeSpec(SizeKind.Confined, upscale, w, h),
            (_, _, true) => throw ImageRequestException.BadRequest($"Size '{size}': '!w,h' needs both w and h."),
            (not null, not null, false) => new SizeSpec(SizeKind.Exact, upscale, w, h),
            (not null, null, false) => new SizeSpec(SizeKind.Width, upscale, w),
            _ => new SizeSpec(SizeKind.Height, upscale, Height: h),
        };
    }

    /// <summary>Parses a rotation: <c>n</c> or <c>!n</c> with n in 0..360.</summary>
    public static (bool Mirror, double Degrees) ParseRotation(string rotation)
    {
        ArgumentNullException.ThrowIfNull(rotation);
        var mirror = rotation.StartsWith('!');
        var degrees = ParseNumber(mirror ? rotation[1..] : rotation, allowFraction: true, rotation);
        if (degrees > 360)
        {
            throw ImageRequestException.BadRequest($"Rotation '{rotation}' is over 360.");
        }

        return (mirror, degrees);
    }

    private static double[] SplitFour(string text, string original, bool allowFraction)
    {
        var parts = text.Split(',');
        if (parts.Length != 4)
        {
            throw ImageRequestException.BadRequest($"Region '{original}' is malformed.");
        }

        var values = new double[4];
        for (var i = 0; i < 4; i++)
        {
            values[i] = ParseNumber(parts[i], allowFraction, original);
        }

        return values;
    }

    private static int ParseInt(string text, string original)
    {
        var value = ParseNumber(text, allowFraction: false, original);
        if (value > int.MaxValue)
        {
            throw ImageRequestException.BadRequest($"'{original}' is out of range.");
        }

        return (int)value;
    }

    // Numbers are digits with at most one '.', no sign, no exponent (3.0 §4: "non-negative"; 2.1 likewise).
    private static double ParseNumber(string text, bool allowFraction, string original)
    {
        if (text.Length == 0 || text.Length > 32)
        {
            throw ImageRequestException.BadRequest($"'{original}' is malformed.");
        }

        var dots = 0;
        var digits = 0;
        foreach (var c in text)
        {
            if (c == '.')
            {
                dots++;
            }
            else if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else
            {
                throw ImageRequestException.BadRequest($"'{original}' is malformed.");
            }
        }

        if (digits == 0 || dots > 1 || (dots == 1 && !allowFraction))
        {
            throw ImageRequestException.BadRequest($"'{original}' is malformed.");
        }

        return double.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
    }
}

using IiifHarvester.Images.Composing;
using IiifHarvester.Images.Info;

namespace IiifHarvester.Images.Requests;

/// <summary>
/// Resolves a parsed request against an image: crops the region, computes the output size, and refuses what the
/// specification says to refuse (400 out of bounds, 501 unsupported feature).
/// </summary>
public static class ImageRequestResolver
{
    /// <summary>Resolves; throws <see cref="ImageRequestException"/>.</summary>
    public static ResolvedImageRequest Resolve(ImageRequest request, ImageCapabilities caps)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caps);

        var (x, y, rw, rh) = ResolveRegion(request.Region, caps.Width, caps.Height);
        var (w, h) = ResolveSize(request.Size, rw, rh, caps);
        var upscaled = w > rw || h > rh;
        if (upscaled)
        {
            if (caps.Version == ImageApiVersion.V3 && !request.Size.Upscale)
            {
                // 3.0 §4.2: a size larger than the region without '^' is a 400.
                throw ImageRequestException.BadRequest($"Size {w}x{h} is larger than the region {rw}x{rh}; use '^' to upscale.");
            }

            if (!caps.Features.Contains("sizeUpscaling"))
            {
                throw ImageRequestException.NotImplemented("This image service does not upscale.");
            }
        }

        if ((caps.MaxWidth is { } mw && w > mw) || (caps.MaxHeight is { } mh && h > mh) || (caps.MaxArea is { } ma && (long)w * h > ma))
        {
            throw ImageRequestException.BadRequest($"Size {w}x{h} is over the service's limits.");
        }

        var max = MaxSize(rw, rh, caps, upscale: upscaled);
        var rotation = request.Rotation >= 360 ? request.Rotation - 360 : request.Rotation;
        var resolved = new ResolvedImageRequest
        {
            Version = caps.Version,
            X = x,
            Y = y,
            RegionWidth = rw,
            RegionHeight = rh,
            IsFullRegion = x == 0 && y == 0 && rw == caps.Width && rh == caps.Height,
            Width = w,
            Height = h,
            IsMaxSize = w == max.Width && h == max.Height,
            Mirror = request.Mirror,
            Rotation = rotation,
            Quality = request.Quality,
            Format = request.Format,
        };

        CheckSupported(resolved, caps);
        return resolved;
    }

    /// <summary>The <c>max</c> size of a region under the service's limits (3.0 §4.2; 2.1 §4.2).</summary>
    public static ImageSize MaxSize(int regionWidth, int regionHeight, ImageCapabilities caps, bool upscale)
    {
        ArgumentNullException.ThrowIfNull(caps);
        var scale = double.PositiveInfinity;
        if (caps.MaxWidth is { } mw)
        {
            scale = Math.Min(scale, (double)mw / regionWidth);
        }

        if (caps.MaxHeight is { } mh)
        {
            scale = Math.Min(scale, (double)mh / regionHeight);
        }

        if (caps.MaxArea is { } ma)
        {
            scale = Math.Min(scale, Math.Sqrt((double)ma / ((double)regionWidth * regionHeight)));
        }

        if (double.IsPositiveInfinity(scale) || (!upscale && scale >= 1))
        {
            return new ImageSize(regionWidth, regionHeight);
        }

        return new ImageSize(Math.Max(1, (int)Math.Floor(regionWidth * scale)), Math.Max(1, (int)Math.Floor(regionHeight * scale)));
    }

    private static (int X, int Y, int W, int H) ResolveRegion(RegionSpec region, int width, int height)
    {
        double x, y, w, h;
        switch (region.Kind)
        {
            case RegionKind.Full:
                return (0, 0, width, height);
            case RegionKind.Square:
                var side = Math.Min(width, height);
                return ((width - side) / 2, (height - side) / 2, side, side);
            case RegionKind.Percent:
                x = Math.Round(region.X * width / 100, MidpointRounding.AwayFromZero);
                y = Math.Round(region.Y * height / 100, MidpointRounding.AwayFromZero);
                w = Math.Round(region.W * width / 100, MidpointRounding.AwayFromZero);
                h = Math.Round(region.H * height / 100, MidpointRounding.AwayFromZero);
                break;
            default:
                (x, y, w, h) = (region.X, region.Y, region.W, region.H);
                break;
        }

        // 3.0 §4.1: a region entirely outside the image, or of zero size, is a 400; past the edge it is cropped.
        if (x >= width || y >= height)
        {
            throw ImageRequestException.BadRequest("The region lies entirely outside the image.");
        }

        w = Math.Min(w, width - x);
        h = Math.Min(h, height - y);
        if (w < 1 || h < 1)
        {
            throw ImageRequestException.BadRequest("The region has zero width or height.");
        }

        return ((int)x, (int)y, (int)w, (int)h);
    }

    private static (int W, int H) ResolveSize(SizeSpec size, int rw, int rh, ImageCapabilities caps)
    {
        switch (size.Kind)
        {
            case SizeKind.Max:
                var max = MaxSize(rw, rh, caps, size.Upscale);
                return (max.Width, max.Height);
            case SizeKind.Full:
                return (rw, rh);
            case SizeKind.Width:
                return (size.Width!.Value, ResolvedImageRequest.HeightForWidth(rw, rh, size.Width.Value));
            case SizeKind.Height:
                return (ResolvedImageRequest.WidthForHeight(rw, rh, size.Height!.Value), size.Height.Value);
            case SizeKind.Percent:
                var w = (int)Math.Round(rw * size.Percent / 100, MidpointRounding.AwayFromZero);
                var h = (int)Math.Round(rh * size.Percent / 100, MidpointRounding.AwayFromZero);
                if (w < 1 || h < 1)
                {
                    throw ImageRequestException.BadRequest("The size is under one pixel.");
                }

                return (w, h);
            case SizeKind.Exact:
                return (size.Width!.Value, size.Height!.Value);
            default:
                // !w,h: the largest size keeping the aspect ratio within w×h; without upscaling, within the region
                // too (3.0 §4.2). 2.1 has no '^': upscaling there is allowed where the service supports it.
                var mayUpscale = size.Upscale || (caps.Version == ImageApiVersion.V2 && caps.Features.Contains("sizeUpscaling"));
                var cw = size.Width!.Value;
                var ch = size.Height!.Value;
                if (!mayUpscale)
                {
                    cw = Math.Min(cw, rw);
                    ch = Math.Min(ch, rh);
                }

                return (double)cw / rw <= (double)ch / rh
                    ? (cw, Math.Min(ch, ResolvedImageRequest.HeightForWidth(rw, rh, cw)))
                    : (Math.Min(cw, ResolvedImageRequest.WidthForHeight(rw, rh, ch)), ch);
        }
    }

    /// <summary>
    /// Why a service described by <paramref name="caps"/> cannot answer <paramref name="r"/> exactly as asked (the
    /// canonical form we would forward), or <see langword="null"/> when it can: the status (400 or 501) and reason.
    /// </summary>
    public static (int Status, string Reason)? Unsupported(ResolvedImageRequest r, ImageCapabilities caps)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(caps);
        if (!caps.Qualities.Contains(r.Quality))
        {
            return (400, $"Quality '{r.Quality}' is not offered by this image service.");
        }

        if (!caps.Formats.Contains(r.Format))
        {
            return (400, $"Format '{r.Format}' is not offered by this image service.");
        }

        if (r.Mirror && !caps.Features.Contains("mirroring"))
        {
            return (501, "This image service does not mirror.");
        }

        if (r.Rotation != 0 && !caps.Features.Contains(r.IsRightAngle ? "rotationBy90s" : "rotationArbitrary"))
        {
            return (501, $"This image service does not rotate by {r.CanonicalRotation}.");
        }

        if (caps.ComposesLocally)
        {
            return null;
        }

        if (caps.UpstreamLevel == 0)
        {
            // Level 0 serves only its listed tiles and sizes (3.0 compliance §3).
            return Level0Layout.NativePath(r, caps) is null ? (501, "This level 0 image service offers only its listed tiles and sizes.") : null;
        }

        if (r.IsUpscaled && !caps.Features.Contains("sizeUpscaling"))
        {
            return (501, "This image service does not upscale.");
        }

        if ((caps.MaxWidth is { } mw && r.Width > mw) || (caps.MaxHeight is { } mh && r.Height > mh) || (caps.MaxArea is { } ma && (long)r.Width * r.Height > ma))
        {
            return (400, $"Size {r.Width}x{r.Height} is over the service's limits.");
        }

        // We forward the canonical form, so what the upstream must support is that form's features, not the client's.
        if (!r.IsFullRegion && !caps.Features.Contains("regionByPx"))
        {
            return (501, "This image service does not take regions.");
        }

        var size = r.CanonicalSize.TrimStart('^');
        var needed = size switch
        {
            "max" or "full" => null,
            _ when size.EndsWith(',') => "sizeByW",
            _ when r.Version == ImageApiVersion.V3 => "sizeByWh",
            _ => "sizeByDistortedWh",
        };
        if (needed is not null && !caps.Features.Contains(needed) && !(needed == "sizeByDistortedWh" && caps.Features.Contains("sizeByWh")))
        {
            return (501, $"This image service does not support {needed}.");
        }

        return null;
    }

    private static void CheckSupported(ResolvedImageRequest r, ImageCapabilities caps)
    {
        if (Unsupported(r, caps) is { } refused)
        {
            throw new ImageRequestException(refused.Status, refused.Reason);
        }
    }
}

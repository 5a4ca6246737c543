using IiifHarvester.Images.Info;
using IiifHarvester.Images.Requests;

namespace IiifHarvester.Images.Composing;

/// <summary>
/// How to make a request locally from an upstream of level 1 or 2 that cannot answer it itself (a format, a rotation,
/// a quality, mirroring, upscaling, a size form it lacks): ask it for the request's region, unrotated, in its default
/// quality as jpg, at the smallest size that still has the pixels the output needs (never above the region or the
/// upstream's own limits), and do the rest with libvips.
/// </summary>
public static class RegionSource
{
    /// <summary>A one-piece plan; throws <see cref="ImageRequestException"/> (501) when the upstream cannot give even that.</summary>
    public static CompositionPlan Plan(ResolvedImageRequest r, ImageCapabilities caps)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(caps);
        var own = caps.Own;
        var limit = ImageRequestResolver.MaxSize(r.RegionWidth, r.RegionHeight, own, upscale: false);

        // Keep the region's aspect ratio (every level 1 upstream can answer 'w,'), wide and tall enough for both output
        // dimensions; a distorted or upscaled output is then made by resizing.
        var width = Math.Min(Math.Max(r.Width, ResolvedImageRequest.WidthForHeight(r.RegionWidth, r.RegionHeight, r.Height)), limit.Width);
        var height = ResolvedImageRequest.HeightForWidth(r.RegionWidth, r.RegionHeight, width);
        if (height > limit.Height)
        {
            height = limit.Height;
            width = Math.Min(limit.Width, ResolvedImageRequest.WidthForHeight(r.RegionWidth, r.RegionHeight, height));
        }

        var basis = r.WithSize(own.Version, width, height, width == limit.Width && height == limit.Height);
        if (ImageRequestResolver.Unsupported(basis, own) is { } refused)
        {
            throw new ImageRequestException(refused.Status, "The image server cannot give the region to work from: " + refused.Reason);
        }

        var path = basis.CanonicalPath;
        return new CompositionPlan([new SourcePiece(path, path, 0, 0, width, height)], width, height, 0, 0, width, height);
    }
}

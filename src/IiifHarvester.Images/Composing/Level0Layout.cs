using System.Globalization;
using IiifHarvester.Images.Info;
using IiifHarvester.Images.Requests;

namespace IiifHarvester.Images.Composing;

/// <summary>
/// The static files a level 0 service offers (its <c>tiles</c> and <c>sizes</c>) and how to build any other request
/// from them (3.0 Implementation Notes, "tiles": region <c>x,y,w,h</c> at a scale factor s has size
/// <c>ceil(w/s),ceil(h/s)</c>; 2.x names it <c>w,</c>).
/// </summary>
public static class Level0Layout
{
    /// <summary>
    /// The upstream path when the request is exactly one of the listed tiles or sizes in the default quality as jpg,
    /// unrotated; otherwise <see langword="null"/>.
    /// </summary>
    public static string? NativePath(ResolvedImageRequest r, ImageCapabilities caps)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(caps);
        if (r.Rotation != 0 || r.Mirror || r.Quality != "default" || r.Format != "jpg")
        {
            return null;
        }

        if (r.IsFullRegion && caps.Sizes.Any(s => s.Width == r.Width && s.Height == r.Height))
        {
            return SizePath(caps.UpstreamVersion, r.Width, r.Height);
        }

        if (r.IsFullRegion && r.Width == caps.Width && r.Height == caps.Height && caps.Tiles.Count == 0)
        {
            // Level 0 must offer the full image at full size (3.0 compliance §3: full, max).
            return caps.UpstreamVersion == ImageApiVersion.V3 ? "full/max/0/default.jpg" : "full/full/0/default.jpg";
        }

        foreach (var tile in caps.Tiles)
        {
            foreach (var s in tile.ScaleFactors)
            {
                var spanW = tile.Width * s;
                var spanH = tile.Height * s;
                if (r.X % spanW != 0 || r.Y % spanH != 0)
                {
                    continue;
                }

                var expectW = Math.Min(spanW, caps.Width - r.X);
                var expectH = Math.Min(spanH, caps.Height - r.Y);
                if (r.RegionWidth == expectW && r.RegionHeight == expectH
                    && r.Width == Ceil(expectW, s) && r.Height == Ceil(expectH, s))
                {
                    return TilePath(caps.UpstreamVersion, r.X, r.Y, expectW, expectH, r.Width, r.Height);
                }
            }
        }

        return null;
    }

    /// <summary>The upstream path of a tile.</summary>
    public static string TilePath(ImageApiVersion version, int x, int y, int w, int h, int sw, int sh)
        => version == ImageApiVersion.V3
            ? string.Create(CultureInfo.InvariantCulture, $"{x},{y},{w},{h}/{sw},{sh}/0/default.jpg")
            : string.Create(CultureInfo.InvariantCulture, $"{x},{y},{w},{h}/{sw},/0/default.jpg");

    /// <summary>The upstream path of a listed size of the full image.</summary>
    public static string SizePath(ImageApiVersion version, int w, int h)
        => version == ImageApiVersion.V3
            ? string.Create(CultureInfo.InvariantCulture, $"full/{w},{h}/0/default.jpg")
            : string.Create(CultureInfo.InvariantCulture, $"full/{w},/0/default.jpg");

    /// <summary>
    /// Plans a composition: a listed size when the region is the whole image and one is big enough, else the tiles at
    /// the coarsest scale factor that still has enough pixels, else the full image (which level 0 must offer).
    /// </summary>
    /// <param name="r">The resolved request.</param>
    /// <param name="caps">The image's capabilities.</param>
    /// <param name="maxPieces">The most upstream files one answer may be built from.</param>
    public static CompositionPlan Plan(ResolvedImageRequest r, ImageCapabilities caps, int maxPieces)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(caps);
        if (r.IsFullRegion)
        {
            var size = caps.Sizes
                .Where(s => s.Width >= r.Width && s.Height >= r.Height)
                .OrderBy(s => (long)s.Width * s.Height)
                .Cast<ImageSize?>()
                .FirstOrDefault();
            if (size is { } best)
            {
                return new CompositionPlan(
                    [new SourcePiece(SizePath(caps.UpstreamVersion, best.Width, best.Height), CanonicalPiecePath(caps, 0, 0, caps.Width, caps.Height, best.Width, best.Height), 0, 0, best.Width, best.Height)],
                    best.Width, best.Height, 0, 0, best.Width, best.Height);
            }
        }

        var tile = caps.Tiles.Count > 0 ? caps.Tiles[0] : null;
        if (tile is null)
        {
            // No tiles: level 0 still serves full/max (3.0) or full/full (2.x).
            var path = caps.UpstreamVersion == ImageApiVersion.V3 ? "full/max/0/default.jpg" : "full/full/0/default.jpg";
            return new CompositionPlan(
                [new SourcePiece(path, CanonicalPiecePath(caps, 0, 0, caps.Width, caps.Height, caps.Width, caps.Height), 0, 0, caps.Width, caps.Height)],
                caps.Width, caps.Height, r.X, r.Y, r.RegionWidth, r.RegionHeight);
        }

        // The coarsest scale factor whose pixels still cover the output (no upscaling from a coarser level).
        var scale = tile.ScaleFactors
            .Where(s => (double)r.RegionWidth / s >= r.Width && (double)r.RegionHeight / s >= r.Height)
            .DefaultIfEmpty(tile.ScaleFactors[0])
            .Max();
        var spanW = tile.Width * scale;
        var spanH = tile.Height * scale;
        var col0 = r.X / spanW;
        var row0 = r.Y / spanH;
        var col1 = (r.X + r.RegionWidth - 1) / spanW;
        var row1 = (r.Y + r.RegionHeight - 1) / spanH;
        var count = (long)(col1 - col0 + 1) * (row1 - row0 + 1);
        if (count > maxPieces)
        {
            throw ImageRequestException.BadRequest($"The request needs {count} upstream tiles; the limit is {maxPieces}.");
        }

        var pieces = new List<SourcePiece>((int)count);
        int canvasW = 0, canvasH = 0;
        for (var row = row0; row <= row1; row++)
        {
            for (var col = col0; col <= col1; col++)
            {
                var x = col * spanW;
                var y = row * spanH;
                var w = Math.Min(spanW, caps.Width - x);
                var h = Math.Min(spanH, caps.Height - y);
                var sw = Ceil(w, scale);
                var sh = Ceil(h, scale);
                var left = (col - col0) * tile.Width;
                var top = (row - row0) * tile.Height;
                pieces.Add(new SourcePiece(TilePath(caps.UpstreamVersion, x, y, w, h, sw, sh), CanonicalPiecePath(caps, x, y, w, h, sw, sh), left, top, sw, sh));
                canvasW = Math.Max(canvasW, left + sw);
                canvasH = Math.Max(canvasH, top + sh);
            }
        }

        var originX = col0 * spanW;
        var originY = row0 * spanH;
        return new CompositionPlan(
            pieces,
            canvasW,
            canvasH,
            (double)(r.X - originX) / scale,
            (double)(r.Y - originY) / scale,
            (double)r.RegionWidth / scale,
            (double)r.RegionHeight / scale);
    }

    /// <summary>
    /// The canonical path, in the upstream's version, of an unrotated default-quality jpg of a region at a size (a
    /// piece's cache path, the same as <see cref="ResolvedImageRequest.ForUpstream"/> gives a client's request).
    /// </summary>
    public static string CanonicalPiecePath(ImageCapabilities caps, int x, int y, int w, int h, int sw, int sh)
    {
        ArgumentNullException.ThrowIfNull(caps);
        var own = caps.Own;
        var max = ImageRequestResolver.MaxSize(w, h, own, upscale: false);
        return new ResolvedImageRequest
        {
            Version = own.Version,
            X = x,
            Y = y,
            RegionWidth = w,
            RegionHeight = h,
            IsFullRegion = x == 0 && y == 0 && w == caps.Width && h == caps.Height,
            Width = sw,
            Height = sh,
            IsMaxSize = sw == max.Width && sh == max.Height,
            Mirror = false,
            Rotation = 0,
            Quality = "default",
            Format = "jpg",
        }.CanonicalPath;
    }

    private static int Ceil(int value, int divisor) => (value + divisor - 1) / divisor;
}

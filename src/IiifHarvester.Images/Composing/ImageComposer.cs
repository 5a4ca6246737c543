using IiifHarvester.Images.Requests;
using NetVips;

namespace IiifHarvester.Images.Composing;

/// <summary>
/// Builds an answer with libvips (NetVips): pastes upstream pieces, crops, scales to the exact size, mirrors, rotates,
/// applies the quality and encodes the format, in the specification's order (3.0 §4: region, size, rotation, quality,
/// format).
/// </summary>
internal static class ImageComposer
{
    /// <summary>Composes the request from the plan's pieces (bodies in plan order, each at most <paramref name="maxPixels"/> decoded).</summary>
    public static byte[] Compose(CompositionPlan plan, IReadOnlyList<byte[]> pieces, ResolvedImageRequest r, long maxPixels)
    {
        var owned = new List<Image>();
        try
        {
            var images = new Image[pieces.Count];
            for (var i = 0; i < pieces.Count; i++)
            {
                images[i] = Track(owned, ToSrgb(Track(owned, ImageDecoder.Load(pieces[i], maxPixels)), owned));
            }

            Image canvas;
            if (images.Length == 1 && plan.Pieces[0].Left == 0 && plan.Pieces[0].Top == 0)
            {
                canvas = images[0];
                if (canvas.Width != plan.CanvasWidth || canvas.Height != plan.CanvasHeight)
                {
                    // A piece not of the size listed (e.g. full/max of a service with limits): scale to the plan.
                    canvas = Track(owned, canvas.Resize((double)plan.CanvasWidth / canvas.Width, vscale: (double)plan.CanvasHeight / canvas.Height));
                }
            }
            else
            {
                canvas = Track(owned, Image.Black(plan.CanvasWidth, plan.CanvasHeight, bands: 3));
                for (var i = 0; i < images.Length; i++)
                {
                    canvas = Track(owned, canvas.Insert(images[i], plan.Pieces[i].Left, plan.Pieces[i].Top));
                }
            }

            var left = (int)Math.Floor(plan.CropLeft);
            var top = (int)Math.Floor(plan.CropTop);
            var width = Math.Clamp((int)Math.Ceiling(plan.CropLeft + plan.CropWidth) - left, 1, canvas.Width - left);
            var height = Math.Clamp((int)Math.Ceiling(plan.CropTop + plan.CropHeight) - top, 1, canvas.Height - top);
            var image = Track(owned, canvas.Crop(left, top, width, height));
            if (image.Width != r.Width || image.Height != r.Height)
            {
                image = Track(owned, image.ThumbnailImage(r.Width, height: r.Height, size: Enums.Size.Force));
            }

            return Finish(image, r, owned);
        }
        finally
        {
            foreach (var image in owned)
            {
                image.Dispose();
            }
        }
    }

    private static byte[] Finish(Image image, ResolvedImageRequest r, List<Image> owned)
    {
        if (r.Mirror)
        {
            image = Track(owned, image.FlipHor());
        }

        var transparent = r.Format is "png" or "webp" or "gif" or "tif";
        switch (r.Rotation)
        {
            case 0:
                break;
            case 90:
                image = Track(owned, image.Rot90());
                break;
            case 180:
                image = Track(owned, image.Rot180());
                break;
            case 270:
                image = Track(owned, image.Rot270());
                break;
            default:
                // 3.0 §4.3: the area outside the rotated image is transparent where the format allows it.
                if (transparent && !image.HasAlpha())
                {
                    image = Track(owned, image.Bandjoin(255));
                }

                image = Track(owned, image.Rotate(r.Rotation, background: transparent ? [0, 0, 0, 0] : [0, 0, 0]));
                break;
        }

        switch (r.Quality)
        {
            case "gray":
                image = Track(owned, image.Colourspace(Enums.Interpretation.Bw));
                break;
            case "bitonal":
                var gray = Track(owned, image.Colourspace(Enums.Interpretation.Bw));
                var band = Track(owned, gray.ExtractBand(0));
                image = Track(owned, band > 127);
                break;
        }

        if (r.Format == "jpg" && image.HasAlpha())
        {
            image = Track(owned, image.Flatten());
        }

        return r.Format switch
        {
            "jpg" => image.JpegsaveBuffer(q: 85, keep: Enums.ForeignKeep.None),
            "png" => image.PngsaveBuffer(),
            "webp" => image.WebpsaveBuffer(q: 85),
            "gif" => image.GifsaveBuffer(),
            "tif" => image.TiffsaveBuffer(),
            _ => throw new ImageRequestException(400, $"Format '{r.Format}' is not offered."),
        };
    }

    private static Image ToSrgb(Image image, List<Image> owned)
    {
        if (image.Bands == 1 || image.Bands == 2)
        {
            image = Track(owned, image.Colourspace(Enums.Interpretation.Srgb));
        }

        if (image.HasAlpha())
        {
            image = Track(owned, image.Flatten());
        }

        return image;
    }

    private static Image Track(List<Image> owned, Image image)
    {
        if (!owned.Exists(o => ReferenceEquals(o, image)))
        {
            owned.Add(image);
        }

        return image;
    }
}

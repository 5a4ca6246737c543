using IiifHarvester.Images.Serving;
using NetVips;

namespace IiifHarvester.Images.Composing;

/// <summary>
/// Decodes upstream pieces for local transforms with libvips, safely: only JPEG, PNG, WebP and GIF, each with its own
/// loader chosen from the body's first bytes (never libvips's sniffing, which would also run its SVG, PDF, TIFF,
/// FITS, Matlab or ImageMagick loaders on whatever an upstream sends), and no image whose header claims more pixels
/// than <see cref="ImagesOptions.MaxDecodedPixels"/> (a decompression bomb is refused before it is decoded).
/// </summary>
internal static class ImageDecoder
{
    /// <summary>Opens <paramref name="body"/> lazily; throws a 502 <see cref="ImageProxyException"/> when refused.</summary>
    public static Image Load(byte[] body, long maxPixels)
    {
        var image = ImageFormats.Sniff(body) switch
        {
            "jpg" => Image.JpegloadBuffer(body),
            "png" => Image.PngloadBuffer(body),
            "webp" => Image.WebploadBuffer(body),
            "gif" => Image.GifloadBuffer(body),
            _ => throw new ImageProxyException(502, "An upstream image is not a JPEG, PNG, WebP or GIF image.") { CacheStatus = CacheStatusValues.ForwardError(502) },
        };
        if ((long)image.Width * image.Height > maxPixels)
        {
            var (width, height) = (image.Width, image.Height);
            image.Dispose();
            throw new ImageProxyException(502, $"An upstream image ({width}x{height}) is over the {maxPixels} pixel decoding limit.") { CacheStatus = CacheStatusValues.ForwardError(502) };
        }

        return image;
    }
}

namespace IiifHarvester.Images.Serving;

/// <summary>
/// What an image body really is, from its first bytes: the proxy serves and decodes a body only when it is the format
/// that was asked for, whatever content type the upstream claimed (an SVG or HTML page never passes as an image).
/// </summary>
internal static class ImageFormats
{
    /// <summary>The Image API format name of <paramref name="body"/> (jpg, png, gif, webp, tif, jp2), or <see langword="null"/>.</summary>
    public static string? Sniff(ReadOnlySpan<byte> body)
    {
        if (body.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "jpg";
        }

        if (body.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "png";
        }

        if (body.StartsWith("GIF87a"u8) || body.StartsWith("GIF89a"u8))
        {
            return "gif";
        }

        if (body.Length >= 12 && body.StartsWith("RIFF"u8) && body[8..12].SequenceEqual("WEBP"u8))
        {
            return "webp";
        }

        if (body.StartsWith("II*\0"u8) || body.StartsWith("MM\0*"u8))
        {
            return "tif";
        }

        if (body.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0x00, 0x0C, (byte)'j', (byte)'P', 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A])
            || body.StartsWith((ReadOnlySpan<byte>)[0xFF, 0x4F, 0xFF, 0x51]))
        {
            return "jp2";
        }

        return null;
    }

    /// <summary>Throws a 502 unless <paramref name="body"/> is an image in <paramref name="format"/>.</summary>
    public static void Require(ReadOnlySpan<byte> body, string format)
    {
        var actual = Sniff(body);
        if (actual != format)
        {
            throw new ImageProxyException(502, $"The image server sent {(actual is null ? "something that is not an image" : "a " + actual + " image")} where a {format} image was asked for.")
            {
                CacheStatus = CacheStatusValues.ForwardError(502),
            };
        }
    }
}

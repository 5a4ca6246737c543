using IiifHarvester.TestUtilities.Images;
using NetVips;

namespace IiifHarvester.Images.Tests.Fixtures;

/// <summary>Reads pixel colours, to check answers against the validator's grid image.</summary>
public static class GridImage
{
    private static readonly Lazy<Image> Original = new(() => Image.NewFromFile(Path.Combine(RepositoryPaths.SharedImages, IipImageUpstream.GridImageName)));

    /// <summary>The RGB of the original grid at (x, y).</summary>
    public static (int R, int G, int B) Expected(int x, int y) => Rgb(Original.Value, x, y);

    /// <summary>The RGB of an encoded image at (x, y).</summary>
    public static (int R, int G, int B) At(byte[] encoded, int x, int y)
    {
        using var image = Image.NewFromBuffer(encoded);
        return Rgb(image, x, y);
    }

    /// <summary>Width and height of an encoded image.</summary>
    public static (int Width, int Height) SizeOf(byte[] encoded)
    {
        using var image = Image.NewFromBuffer(encoded);
        return (image.Width, image.Height);
    }

    /// <summary>Whether two colours are within a JPEG's error.</summary>
    public static bool Close((int R, int G, int B) a, (int R, int G, int B) b, int tolerance = 40)
        => Math.Abs(a.R - b.R) <= tolerance && Math.Abs(a.G - b.G) <= tolerance && Math.Abs(a.B - b.B) <= tolerance;

    private static (int R, int G, int B) Rgb(Image image, int x, int y)
    {
        var p = image.Getpoint(x, y);
        return p.Length >= 3 ? ((int)p[0], (int)p[1], (int)p[2]) : ((int)p[0], (int)p[0], (int)p[0]);
    }
}

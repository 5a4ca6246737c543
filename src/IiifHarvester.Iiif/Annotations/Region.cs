using System.Globalization;

namespace IiifHarvester.Iiif.Annotations;

/// <summary>A rectangle on a canvas in canvas coordinates (<c>#xywh=</c>); a point has zero width and height.</summary>
/// <param name="X">Left edge.</param>
/// <param name="Y">Top edge.</param>
/// <param name="Width">Width (0 for a point).</param>
/// <param name="Height">Height (0 for a point).</param>
public readonly record struct Region(double X, double Y, double Width, double Height)
{
    /// <summary>True for a point selector.</summary>
    public bool IsPoint => Width == 0 && Height == 0;

    /// <summary>The smallest region holding both.</summary>
    public Region Union(Region other)
    {
        var x = Math.Min(X, other.X);
        var y = Math.Min(Y, other.Y);
        var right = Math.Max(X + Width, other.X + other.Width);
        var bottom = Math.Max(Y + Height, other.Y + other.Height);
        return new Region(x, y, right - x, bottom - y);
    }

    /// <summary>The media fragment value <c>x,y,w,h</c> with integer coordinates, as viewers expect.</summary>
    public string ToXywh()
    {
        Span<char> buffer = stackalloc char[MaxXywhLength];
        TryFormatXywh(buffer, out var written);
        return new string(buffer[..written]);
    }

    /// <summary>What introduces a region as a media fragment of the resource it is on.</summary>
    public const string FragmentPrefix = "#xywh=";

    /// <summary>The most characters <see cref="TryFormatXywh"/> writes: four signed 64-bit integers and three commas.</summary>
    public const int MaxXywhLength = (4 * 20) + 3;

    /// <summary><see cref="ToXywh"/> written into <paramref name="destination"/>; false when it does not fit.</summary>
    public bool TryFormatXywh(Span<char> destination, out int written) => destination.TryWrite(
        CultureInfo.InvariantCulture,
        $"{(long)Math.Round(X)},{(long)Math.Round(Y)},{(long)Math.Round(Width)},{(long)Math.Round(Height)}",
        out written);
}

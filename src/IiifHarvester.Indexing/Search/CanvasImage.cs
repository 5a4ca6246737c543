using System.Globalization;
using IiifHarvester.Iiif.Model;

namespace IiifHarvester.Indexing.Search;

/// <summary>
/// The Image API service painted on a canvas, with the canvas's size when it declares one. A hit's region is in
/// canvas coordinates; the image's pixels may be more or fewer (a 1000-wide canvas painted with a 4000-wide image),
/// so a crop of the image asks for the region as a share of the canvas.
/// </summary>
/// <param name="Service">The Image API service id.</param>
/// <param name="CanvasWidth">The canvas's width, when declared.</param>
/// <param name="CanvasHeight">The canvas's height, when declared.</param>
public sealed record CanvasImage(string Service, int? CanvasWidth, int? CanvasHeight)
{
    private const char Separator = '\u001f';

    /// <summary>The first image service painted on <paramref name="canvas"/>, or null.</summary>
    public static CanvasImage? Of(Canvas? canvas)
    {
        var service = canvas?.Images.Select(i => i.Service?.Id).FirstOrDefault(id => !string.IsNullOrEmpty(id));
        return service is null ? null : new CanvasImage(service, canvas!.Width, canvas.Height);
    }

    /// <summary>The doc value written beside a canvas's text: the service, then the size when known.</summary>
    internal string Encode() =>
        CanvasWidth is > 0 && CanvasHeight is > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{Service}{Separator}{CanvasWidth},{CanvasHeight}")
            : Service;

    /// <summary>Reads <see cref="Encode"/>'s value; indexes written before the size was kept give the service alone.</summary>
    internal static CanvasImage? Decode(string value)
    {
        if (value.Length == 0)
        {
            return null;
        }

        var at = value.IndexOf(Separator, StringComparison.Ordinal);
        if (at < 0)
        {
            return new CanvasImage(value, null, null);
        }

        var size = value.AsSpan(at + 1);
        var comma = size.IndexOf(',');
        return comma > 0
            && int.TryParse(size[..comma], NumberStyles.None, CultureInfo.InvariantCulture, out var width)
            && int.TryParse(size[(comma + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var height)
            ? new CanvasImage(value[..at], width, height)
            : new CanvasImage(value[..at], null, null);
    }
}

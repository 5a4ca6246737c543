using System.Globalization;
using IiifHarvester.Iiif.Annotations;

namespace IiifHarvester.Iiif.Parsing;

/// <summary>Media fragment <c>xywh=</c> (W3C Media Fragments 1.0 §4.2.2) in pixel units.</summary>
internal static class Xywh
{
    /// <summary>Parses <c>xywh=x,y,w,h</c> (optionally <c>pixel:</c>) inside a fragment; null when absent or malformed.</summary>
    public static Region? Parse(ReadOnlySpan<char> fragment)
    {
        var at = fragment.IndexOf("xywh=", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var value = fragment[(at + 5)..];
        if (value.StartsWith("pixel:", StringComparison.Ordinal))
        {
            value = value[6..];
        }
        else if (value.StartsWith("percent:", StringComparison.Ordinal))
        {
            // Percentages need the canvas size, which a target does not carry; no region rather than a wrong one.
            return null;
        }

        var end = value.IndexOf('&');
        return ParseList(end >= 0 ? value[..end] : value);
    }

    /// <summary>Parses <c>x,y,w,h</c>; null unless four finite numbers with non-negative width and height.</summary>
    public static Region? ParseList(ReadOnlySpan<char> value)
    {
        Span<double> numbers = stackalloc double[4];
        var i = 0;
        foreach (var range in value.Split(','))
        {
            if (i == 4 || !double.TryParse(value[range].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]) || !double.IsFinite(numbers[i]))
            {
                return null;
            }

            i++;
        }

        return i == 4 && numbers[2] >= 0 && numbers[3] >= 0 ? new Region(numbers[0], numbers[1], numbers[2], numbers[3]) : null;
    }
}

using System.Globalization;

namespace IiifHarvester.Iiif.Annotations;

/// <summary>
/// A stretch of a time-based canvas (audio, video) in seconds: the media fragment <c>t=</c> (W3C Media Fragments
/// 1.0 §4.2.1, normal play time), as an annotation on a transcript line or a comment on a moment targets it.
/// </summary>
/// <param name="Start">Where it begins, in seconds from the canvas's start.</param>
/// <param name="End">Where it ends, in seconds; null for "to the end" (or an instant given as <c>t=30</c>).</param>
public readonly record struct TimeRange(double Start, double? End)
{
    /// <summary>What introduces a time as a media fragment of the resource it is on.</summary>
    public const string FragmentKey = "t=";

    /// <summary>The latest time read (about 31 years): beyond it a fragment is taken for a mistake, not a time.</summary>
    public const double MaxSeconds = 1e9;

    /// <summary>The most characters <see cref="TryFormat"/> writes.</summary>
    public const int MaxLength = 2 + (2 * 24) + 1;

    /// <summary>The smallest range holding both (open-ended if either is).</summary>
    public TimeRange Union(TimeRange other) =>
        new(Math.Min(Start, other.Start), End is { } end && other.End is { } otherEnd ? Math.Max(end, otherEnd) : null);

    /// <summary><c>t=start[,end]</c>, seconds to the millisecond, as viewers read it.</summary>
    public bool TryFormat(Span<char> destination, out int written) => End is { } end
        ? destination.TryWrite(CultureInfo.InvariantCulture, $"t={Start:0.###},{end:0.###}", out written)
        : destination.TryWrite(CultureInfo.InvariantCulture, $"t={Start:0.###}", out written);

    /// <inheritdoc/>
    public override string ToString()
    {
        Span<char> buffer = stackalloc char[MaxLength];
        return TryFormat(buffer, out var written) ? new string(buffer[..written]) : string.Empty;
    }

    /// <summary>
    /// The <c>t=</c> of a media fragment (<c>t=10,20</c>, <c>xywh=0,0,5,5&amp;t=npt:1:02.5</c>, <c>t=,20</c>); null
    /// when it has none, or one that is not normal play time (SMPTE, wall-clock) or is not a forward range.
    /// </summary>
    public static TimeRange? Parse(ReadOnlySpan<char> fragment)
    {
        foreach (var range in fragment.Split('&'))
        {
            var part = fragment[range].Trim();
            if (!part.StartsWith(FragmentKey, StringComparison.Ordinal))
            {
                continue;
            }

            var value = part[FragmentKey.Length..];
            if (value.StartsWith("npt:", StringComparison.Ordinal))
            {
                value = value[4..];
            }

            var comma = value.IndexOf(',');
            var startText = comma >= 0 ? value[..comma] : value;
            double start = 0;
            if (startText.Length > 0)
            {
                if (Seconds(startText) is not { } parsedStart)
                {
                    return null;
                }

                start = parsedStart;
            }

            double? end = null;
            if (comma >= 0)
            {
                if (Seconds(value[(comma + 1)..]) is not { } parsedEnd || parsedEnd < start)
                {
                    return null;
                }

                end = parsedEnd;
            }

            return startText.Length == 0 && end is null ? null : new TimeRange(start, end);
        }

        return null;
    }

    /// <summary>Normal play time: seconds (<c>12.5</c>), <c>mm:ss</c> or <c>hh:mm:ss</c>, with optional fraction.</summary>
    private static double? Seconds(ReadOnlySpan<char> text)
    {
        double total = 0;
        var parts = 0;
        foreach (var range in text.Split(':'))
        {
            var part = text[range];
            if (++parts > 3 || part.IsEmpty || !double.TryParse(part, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return null;
            }

            total = (total * 60) + number;
        }

        return total <= MaxSeconds ? total : null;
    }
}

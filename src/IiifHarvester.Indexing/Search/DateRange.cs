using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace IiifHarvester.Indexing.Search;

/// <summary>A Content Search <c>date</c> range: <c>YYYY-MM-DDThh:mm:ssZ/YYYY-MM-DDThh:mm:ssZ</c>, UTC, inclusive.</summary>
/// <param name="From">Start, inclusive.</param>
/// <param name="To">End, inclusive.</param>
public readonly record struct DateRange(DateTimeOffset From, DateTimeOffset To)
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>Parses a space-separated list of ranges (Content Search 1.0 §3.2.1); fails with a message for the user.</summary>
    public static bool TryParseList(string? value, out IReadOnlyList<DateRange> ranges, [NotNullWhen(false)] out string? error)
    {
        var list = new List<DateRange>();
        ranges = list;
        error = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        foreach (var item in value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var slash = item.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0
                || !DateTimeOffset.TryParseExact(item[..slash], Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var from)
                || !DateTimeOffset.TryParseExact(item[(slash + 1)..], Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var to))
            {
                error = $"The date range '{item}' is not of the form YYYY-MM-DDThh:mm:ssZ/YYYY-MM-DDThh:mm:ssZ.";
                return false;
            }

            if (to < from)
            {
                error = $"The date range '{item}' ends before it starts.";
                return false;
            }

            list.Add(new DateRange(from, to));
        }

        return true;
    }
}

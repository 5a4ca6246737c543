using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using IiifHarvester.Indexing.Search;
using Microsoft.AspNetCore.Http;

namespace IiifHarvester.Web.Search;

/// <summary>
/// The query parameters of a Content Search or autocomplete request (Search 1.0 §3.2.1, §4.2; 2.0 §3.2): the
/// filters are space-separated lists; parameters we do not know are reported as ignored.
/// </summary>
internal sealed record SearchParameters
{
    private static readonly HashSet<string> SearchKnown = new(StringComparer.Ordinal) { "q", "motivation", "date", "user", "page" };
    private static readonly HashSet<string> AutocompleteKnown = new(StringComparer.Ordinal) { "q", "motivation", "date", "user", "min" };

    public required string? Q { get; init; }

    public required AnnotationFilter Filter { get; init; }

    public string? Motivation { get; init; }

    public string? Date { get; init; }

    public string? User { get; init; }

    public int Page { get; init; } = 1;

    public int Min { get; init; } = 1;

    public required IReadOnlyList<string> Ignored { get; init; }

    public static bool TryParse(IQueryCollection query, bool autocomplete, out SearchParameters parameters, [NotNullWhen(false)] out string? error)
    {
        parameters = null!;
        var motivation = Single(query, "motivation");
        var date = Single(query, "date");
        var user = Single(query, "user");
        if (!DateRange.TryParseList(date, out var dates, out error))
        {
            return false;
        }

        var page = 1;
        if (!autocomplete && query.TryGetValue("page", out var pageValue)
            && (!int.TryParse(pageValue.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
        {
            error = $"The page '{pageValue}' is not a page number (1, 2, ...).";
            return false;
        }

        var min = 1;
        if (autocomplete && query.TryGetValue("min", out var minValue)
            && (!int.TryParse(minValue.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out min) || min < 1))
        {
            error = $"The min '{minValue}' is not a positive whole number.";
            return false;
        }

        var known = autocomplete ? AutocompleteKnown : SearchKnown;
        parameters = new SearchParameters
        {
            Q = Single(query, "q"),
            Motivation = motivation,
            Date = date,
            User = user,
            Page = page,
            Min = min,
            Filter = new AnnotationFilter
            {
                Motivations = List(motivation),
                Dates = dates,
                Users = List(user),
            },
            Ignored = query.Keys.Where(k => !known.Contains(k)).Order(StringComparer.Ordinal).ToList(),
        };
        error = null;
        return true;
    }

    /// <summary>The query string of a search for <paramref name="q"/> with these filters (and a page).</summary>
    public string QueryString(string q, int? page = null)
    {
        var pairs = new List<KeyValuePair<string, string?>> { new("q", q) };
        Add(pairs, "motivation", Motivation);
        Add(pairs, "date", Date);
        Add(pairs, "user", User);
        if (page is { } p)
        {
            pairs.Add(new("page", p.ToString(CultureInfo.InvariantCulture)));
        }

        return Microsoft.AspNetCore.Http.QueryString.Create(pairs).ToUriComponent();
    }

    private static void Add(List<KeyValuePair<string, string?>> pairs, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            pairs.Add(new(name, value));
        }
    }

    private static string? Single(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) ? string.Join(' ', values.Where(v => v is not null)) : null;

    private static IReadOnlyList<string> List(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

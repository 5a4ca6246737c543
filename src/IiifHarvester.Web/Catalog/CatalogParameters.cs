using System.Globalization;
using IiifHarvester.Indexing.Catalog;
using Microsoft.AspNetCore.Http;

namespace IiifHarvester.Web.Catalog;

/// <summary>
/// The object search's query string, shared by the catalog JSON and the portal's search page: <c>q</c>, the
/// facet filters (<c>source</c>, <c>provider</c>, <c>language</c>, <c>type</c>, <c>rights</c>, <c>century</c>,
/// <c>decade</c>, <c>text</c>; each may repeat, meaning either), <c>collection</c> (a harvested collection's URI:
/// what is in it at any depth; may repeat), <c>sort</c> (<c>relevance</c>, <c>date</c>, <c>-date</c>) and <c>page</c>.
/// </summary>
public static class CatalogParameters
{
    /// <summary>The filter parameters, in the order pages list their facets.</summary>
    public static IReadOnlyList<string> FilterNames { get; } = ["source", "text", "language", "century", "decade", "type", "rights", "provider"];

    /// <summary>The request for <paramref name="query"/>, without the words (<see cref="CatalogRequest.Query"/>) and page, which callers check themselves.</summary>
    public static CatalogRequest Filters(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new CatalogRequest
        {
            Sources = Values(query, "source"),
            Collections = Values(query, "collection"),
            Languages = Values(query, "language"),
            Types = Values(query, "type"),
            Providers = Values(query, "provider"),
            Rights = Values(query, "rights"),
            TextKinds = Values(query, "text"),
            Centuries = Years(query, "century"),
            Decades = Years(query, "decade"),
            Sort = SortOf(query["sort"].ToString()),
        };
    }

    /// <summary>The sort named <paramref name="value"/>; relevance for anything else.</summary>
    public static CatalogSort SortOf(string? value) => value switch
    {
        "date" => CatalogSort.DateAscending,
        "-date" => CatalogSort.DateDescending,
        _ => CatalogSort.Relevance,
    };

    /// <summary>The parameter value of <paramref name="sort"/>.</summary>
    public static string NameOf(CatalogSort sort) => sort switch
    {
        CatalogSort.DateAscending => "date",
        CatalogSort.DateDescending => "-date",
        _ => "relevance",
    };

    /// <summary>Non-blank values of a repeated parameter, trimmed.</summary>
    public static IReadOnlyList<string> Values(IQueryCollection query, string name)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.TryGetValue(name, out var values)
            ? [.. values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).Distinct(StringComparer.Ordinal)]
            : [];
    }

    // A value that is no year is kept as -1, which matches nothing: a filter asked for is never dropped silently.
    private static List<int> Years(IQueryCollection query, string name) =>
        [.. Values(query, name).Select(v => int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var year) ? year : -1)];
}

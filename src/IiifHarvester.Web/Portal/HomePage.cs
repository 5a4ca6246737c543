using System.Globalization;
using IiifHarvester.Sources;
using IiifHarvester.Indexing.Catalog;
using IiifHarvester.Indexing.Search;
using IiifHarvester.Storage.Documents;
using Microsoft.AspNetCore.Http;

namespace IiifHarvester.Web.Portal;

/// <summary>
/// <c>/</c> for browsers: one search box, the institutions harvested with their object counts and when each was
/// last harvested, and a few example searches taken from what is indexed. "Last harvested" is when the last run that
/// did not fail as a whole finished, from the store (<see cref="LastHarvest"/>), so it survives restarts and is the
/// same on every node; a failed latest attempt is said beside it. "Newest change" is when the store recorded the
/// newest change among the institution's objects: the <c>updated</c> of its feed (<c>/search/feed?source=</c>), on
/// the same change log, so the two never disagree; a harvest that found nothing new does not move it.
/// </summary>
internal static class HomePage
{
    /// <summary>True when the client prefers HTML to JSON (a browser); JSON clients keep the JSON description.</summary>
    public static bool Wanted(HttpRequest request)
    {
        var best = request.GetTypedHeaders().Accept
            .Where(a => a.MediaType.HasValue)
            .OrderByDescending(a => a.Quality ?? 1)
            .Select(a => a.MediaType.Value)
            .FirstOrDefault();
        return best is "text/html" or "application/xhtml+xml";
    }

    public static HtmlPage Render(HttpContext context, IContentSearch search, SourceCatalog catalog, IReadOnlyDictionary<string, LastHarvest> harvests)
    {
        var portal = PortalContext.For(context);
        var readers = ReaderLanguages.From(context.Request);
        var all = search.SearchCatalog(new CatalogRequest { PageSize = 6, Snippets = 0 });
        var counts = all.Facets.TryGetValue("source", out var values) ? values.ToDictionary(v => v.Value, v => v.Count) : [];
        var html = PortalLayout.Page(portal, "Search", readers.Primary, null, main =>
        {
            main.Element("h1", "Search digitised collections across institutions")
                .Element("p", "Words in titles and descriptions and in the text on the pages (transcriptions, OCR, commentary). " +
                    "\"Quoted words\" find a phrase; words without quotes find the phrase first, then each word. Chinese and Japanese need no spaces.");
            main.Element("h2", "Institutions").Raw("<ul class=\"institutions\">");
            foreach (var source in catalog.Sources)
            {
                var count = counts.GetValueOrDefault(source.Key);
                main.Raw("<li>").Link(portal.SearchLink(("source", source.Key)), source.Name)
                    .Text(string.Create(CultureInfo.InvariantCulture, $" \u2013 {count:N0} objects"));
                var harvest = harvests.GetValueOrDefault(source.Key);
                if (harvest?.HarvestedAt is { } harvested)
                {
                    Time(main.Text(", last harvested "), harvested);
                }
                else if (count == 0)
                {
                    main.Text(", not yet harvested");
                }

                if (harvest is { Failed: true })
                {
                    Time(main.Text("; the latest attempt, "), harvest.FinishedAt).Text(", failed");
                }

                if (count > 0 && NewestChange(search, source.Key) is { } newest)
                {
                    Time(main.Text("; newest change "), newest);
                }

                main.Raw("</li>");
            }

            main.Raw("</ul>");
            var examples = Examples(all, readers).ToList();
            if (examples.Count > 0)
            {
                main.Element("h2", "Try").Raw("<ul class=\"examples\">");
                foreach (var example in examples)
                {
                    main.Raw("<li>").Link(portal.SearchLink(("q", example)), example).Raw("</li>");
                }

                main.Raw("</ul>");
            }

            main.Raw("<p>").Link(portal.SearchLink(), "Browse every object").Raw("</p>");
        });
        return new HtmlPage(html);
    }

    private static Html Time(Html html, DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return html.Open("time", ("datetime", utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)))
            .Text(utc.ToString("d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture)).Close("time");
    }

    private static DateTimeOffset? NewestChange(IContentSearch search, string source) =>
        search.SearchCatalog(new CatalogRequest { Sources = [source], Sort = CatalogSort.Newest, PageSize = 1, Snippets = 0 })
            .Items is [var newest, ..] ? newest.Resource.ChangedAt : null;

    // The longest word of a few labels: real words of the index, in the reader's language where there is one.
    private static IEnumerable<string> Examples(CatalogResult all, ReaderLanguages readers) =>
        all.Items
            .Select(i => readers.Pick(i.Resource.Label))
            .Select(label => label.Split([' ', ',', '.', ':', ';', '(', ')', '[', ']', '"'], StringSplitOptions.RemoveEmptyEntries)
                .OrderByDescending(w => w.Length).FirstOrDefault())
            .Where(w => w is { Length: >= 2 } && !w.All(char.IsAsciiDigit))
            .Select(w => w!)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(4);
}

using System.Globalization;
using IiifHarvester.Iiif.Identity;
using IiifHarvester.Indexing;
using IiifHarvester.Indexing.Catalog;
using IiifHarvester.Indexing.Querying;
using IiifHarvester.Indexing.Search;
using IiifHarvester.Web.Catalog;
using IiifHarvester.Web.Search;
using Microsoft.AspNetCore.Http;

namespace IiifHarvester.Web.Portal;

/// <summary>
/// <c>/search?q=</c>: objects found by metadata or full text, each with a thumbnail and up to three snippets
/// beside crops of the page image at the hit, facets with counts, removable filters, sorting and paging. Any query
/// string gives a page: a query that cannot be searched is said so on the page, unknown filter values find
/// nothing, a page past the end says how many pages there are.
/// </summary>
internal static class SearchPage
{
    public static HtmlPage Render(PortalRequest request, IContentSearch search, IndexingOptions indexing)
    {
        var (portal, readers, query) = (request.Portal, request.Readers, request.Query.Values);
        var q = query["q"].ToString().Trim();
        var state = PortalQuery.From(query);
        var page = int.TryParse(query["page"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p >= 1 ? p : 1;
        var filters = CatalogParameters.Filters(query);

        string? problem = null;
        UserQuery? userQuery = null;
        if (q.Length > 0 && !UserQuery.TryParse(q, indexing.MaxQueryLength, indexing.MaxQueryTerms, out userQuery, out var error))
        {
            problem = error;
        }

        CatalogResult? result = null;
        if (problem is null)
        {
            try
            {
                result = search.SearchCatalog(filters with { Query = userQuery, Page = page });
            }
            catch (SearchQueryException ex)
            {
                problem = ex.Message;
            }
        }

        var title = q.Length > 0 ? $"\u201c{Shorten(q)}\u201d" : "All objects";
        var html = PortalLayout.Page(portal, title, readers.Primary, q, main =>
        {
            main.Element("h1", q.Length > 0 ? $"Objects matching \u201c{Shorten(q)}\u201d" : "All objects");
            if (problem is not null)
            {
                main.Element("p", problem, ("class", "problem"), ("role", "alert"));
                return;
            }

            WriteSummary(main, result!, page, state, portal);
            WriteApplied(main, state, portal);
            main.Raw("<div class=\"columns\">");
            WriteFacets(main, result!, state, portal);
            main.Raw("<section class=\"results\" aria-label=\"Results\">");
            WriteSort(main, state, filters.Sort, portal);
            WriteResults(main, result!, q, readers, portal);
            WritePaging(main, result!, page, state, portal);
            main.Raw("</section></div>");
        }, head => head.Open("link", ("rel", "alternate"), ("type", "application/atom+xml"), ("title", "New objects for this search"),
            ("href", portal.FeedLink(state))));
        return new HtmlPage(html);
    }

    private static string Shorten(string q) => q.Length <= 120 ? q : q[..120] + "\u2026";

    private static void WriteSummary(Html main, CatalogResult result, int page, PortalQuery state, PortalContext portal)
    {
        var last = Math.Max(1, (int)Math.Ceiling(result.Total / (double)result.PageSize));
        var text = result.Total == 1 ? "1 object" : string.Create(CultureInfo.InvariantCulture, $"{result.Total:N0} objects");
        if (result.Total > result.PageSize)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", page {page} of {last}");
        }

        main.Open("p", ("class", "summary"), ("role", "status")).Text(text).Text(" \u00b7 ")
            .Link(portal.FeedLink(state), "Follow this search (Atom)", ("class", "feed")).Close("p");
        if (page > last)
        {
            main.Open("p", ("class", "problem")).Text($"There is no page {page}. ").Link(portal.SearchLink(state, last), "Go to the last page").Close("p");
        }
    }

    private static void WriteApplied(Html main, PortalQuery state, PortalContext portal)
    {
        var applied = state.Pairs.Where(p => CatalogParameters.FilterNames.Contains(p.Key)).ToList();
        if (applied.Count == 0)
        {
            return;
        }

        main.Raw("<ul class=\"applied\" aria-label=\"Filters applied\">");
        foreach (var (name, value) in applied)
        {
            var label = $"{FacetNames.Title(name)}: {FacetNames.Value(name, value, portal.SourceName)}";
            main.Raw("<li>").Link(portal.SearchLink(state.Without(name, value)), label + " \u2715", ("aria-label", "Remove filter " + label)).Raw("</li>");
        }

        main.Raw("</ul>");
    }

    private static void WriteFacets(Html main, CatalogResult result, PortalQuery state, PortalContext portal)
    {
        main.Raw("<nav class=\"facets\" aria-label=\"Narrow the results\">");
        foreach (var name in CatalogParameters.FilterNames)
        {
            if (!result.Facets.TryGetValue(name, out var values) || values.Count == 0)
            {
                continue;
            }

            main.Element("h2", FacetNames.Title(name)).Raw("<ul>");
            foreach (var value in values)
            {
                var label = FacetNames.Value(name, value.Value, portal.SourceName);
                var count = value.Count.ToString("N0", CultureInfo.InvariantCulture);
                main.Raw("<li>");
                if (state.Has(name, value.Value))
                {
                    main.Link(portal.SearchLink(state.Without(name, value.Value)), label, ("aria-current", "true"), ("aria-label", $"{label}, applied; remove"))
                        .Text(" ").Element("span", count, ("class", "count"));
                }
                else
                {
                    main.Link(portal.SearchLink(state.With(name, value.Value)), label, ("aria-label", $"{label}, {count} objects"))
                        .Text(" ").Element("span", count, ("class", "count"), ("aria-hidden", "true"));
                }

                main.Raw("</li>");
            }

            main.Raw("</ul>");
        }

        main.Raw("</nav>");
    }

    private static void WriteSort(Html main, PortalQuery state, CatalogSort current, PortalContext portal)
    {
        main.Raw("<p class=\"sort\">Sort: ");
        (CatalogSort Sort, string Label)[] sorts = [(CatalogSort.Relevance, "best match"), (CatalogSort.DateAscending, "oldest first"), (CatalogSort.DateDescending, "newest first")];
        for (var i = 0; i < sorts.Length; i++)
        {
            var (sort, label) = sorts[i];
            if (i > 0)
            {
                main.Text(" \u00b7 ");
            }

            if (sort == current)
            {
                main.Element("strong", label, ("aria-current", "true"));
            }
            else
            {
                main.Link(portal.SearchLink(state.Set("sort", CatalogParameters.NameOf(sort))), label);
            }
        }

        main.Raw("</p>");
    }

    private static void WriteResults(Html main, CatalogResult result, string q, ReaderLanguages readers, PortalContext portal)
    {
        if (result.Items.Count == 0)
        {
            main.Element("p", "Nothing found. Try fewer words, another spelling, or remove a filter.", ("class", "empty"));
            return;
        }

        main.Open("ol", ("class", "hits"), ("start", (((result.Page - 1) * result.PageSize) + 1).ToString(CultureInfo.InvariantCulture)));
        foreach (var item in result.Items)
        {
            var resource = item.Resource;
            var label = readers.Pick(resource.Label, resource.Uri);
            var objectUrl = portal.ObjectLink(resource.Key, q);
            main.Raw("<li class=\"hit\">");
            if (portal.Thumbnail(resource) is { } thumbnail)
            {
                main.Open("a", ("href", objectUrl), ("tabindex", "-1"), ("aria-hidden", "true"))
                    .Open("img", ("class", "thumb"), ("src", thumbnail), ("alt", string.Empty), ("loading", "lazy"), ("width", "96")).Close("a");
            }

            main.Raw("<div class=\"body\"><h2>").Link(objectUrl, label).Raw("</h2><p class=\"meta\">");
            main.Text(portal.SourceName(resource.SourceKey) ?? resource.SourceName ?? resource.SourceKey);
            if (resource.NavDate is { } date)
            {
                main.Text(" \u00b7 ").Text(date.Year.ToString(CultureInfo.InvariantCulture));
            }

            if (item.TextHits > 0)
            {
                main.Text(" \u00b7 ").Element("span", item.TextHits == 1 ? "1 hit in the text" : $"{item.TextHits:N0} hits in the text", ("class", "count"));
            }

            if (item.MetadataMatched)
            {
                main.Text(" \u00b7 matched in the description");
            }

            main.Raw("</p>");
            if (item.Snippets.Count > 0)
            {
                main.Raw("<ul class=\"snippets\">");
                foreach (var hit in item.Snippets)
                {
                    WriteSnippet(main, resource, hit, q, portal);
                }

                main.Raw("</ul>");
            }

            main.Raw("</div></li>");
        }

        main.Close("ol");
    }

    internal static void WriteSnippet(Html main, ResourceSummary resource, SearchHit hit, string q, PortalContext portal, CanvasImage? image = null)
    {
        var annotation = hit.Annotation;
        var viewUrl = portal.ObjectLink(resource.Key, q, annotation);
        main.Raw("<li>");
        if (portal.Crop(annotation.ManifestUri, annotation.CanvasId, annotation.Region, image) is { } crop)
        {
            main.Open("img", ("class", "crop"), ("src", crop), ("alt", "The words on the page image"), ("loading", "lazy"));
        }

        if (annotation.Time is { } time)
        {
            // A hit in a recording says when: a reader can go there in any player.
            main.Element("span", Clock(time.Start) + (time.End is { } end ? "\u2013" + Clock(end) : string.Empty), ("class", "time"));
        }

        main.Open("a", ("href", viewUrl), ("class", "snippet"))
            .Text(hit.Before.Length > 0 ? "\u2026" + hit.Before : string.Empty).Element("mark", hit.Match)
            .Text(hit.After.Length > 0 ? hit.After + "\u2026" : string.Empty).Close("a");
        if (annotation.CanvasId.Length > 0)
        {
            var state = ContentState.Encode(ContentState.ForCanvas(portal.Urls.Manifest(resource.Key), annotation.CanvasId, annotation.Region, annotation.Time));
            portal.WriteContentStateLinks(main, resource.Key, state);
        }

        main.Raw("</li>");
    }

    /// <summary>Seconds as a clock reads them: <c>m:ss</c>, or <c>h:mm:ss</c> from an hour on.</summary>
    internal static string Clock(double seconds)
    {
        var whole = (long)Math.Floor(seconds);
        var (hours, minutes, rest) = (whole / 3600, whole / 60 % 60, whole % 60);
        return hours > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{hours}:{minutes:00}:{rest:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{minutes}:{rest:00}");
    }

    private static void WritePaging(Html main, CatalogResult result, int page, PortalQuery state, PortalContext portal)
    {
        var last = Math.Max(1, (int)Math.Ceiling(result.Total / (double)result.PageSize));
        if (last == 1)
        {
            return;
        }

        main.Raw("<nav class=\"paging\" aria-label=\"Pages\">");
        if (page > 1)
        {
            main.Link(portal.SearchLink(state, Math.Min(page - 1, last)), "\u2190 Previous page", ("rel", "prev"));
        }

        main.Element("span", string.Create(CultureInfo.InvariantCulture, $"Page {page} of {last}"));
        if (page < last)
        {
            main.Link(portal.SearchLink(state, page + 1), "Next page \u2192", ("rel", "next"));
        }

        main.Raw("</nav>");
    }
}

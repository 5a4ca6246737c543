using System.Globalization;
using System.Text.Json;
using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Identity;
using IiifHarvester.Iiif.Model;
using IiifHarvester.Iiif.Parsing;
using IiifHarvester.Indexing;
using IiifHarvester.Indexing.Querying;
using IiifHarvester.Indexing.Search;
using IiifHarvester.Storage.Documents;
using Microsoft.AspNetCore.Http;

namespace IiifHarvester.Web.Portal;

/// <summary>
/// <c>/objects/{key}</c>: an object as the Presentation API asks clients to show it (label, summary, metadata,
/// <c>requiredStatement</c> always shown, rights, provider), links to the institution's page and manifest and to our
/// re-served manifest, a search inside the object (our Content Search) with the hits grouped by canvas beside crops
/// of the page, and Mirador opening our manifest at the chosen hit (<c>canvas</c>, <c>xywh</c>, <c>t</c>, or an
/// <c>iiif-content</c> content state) with the same search in its panel, a recording cued to the hit's moment.
/// </summary>
internal static class ObjectPage
{
    private const int MaxHits = 200;

    /// <summary>
    /// The object page's route, at a hit's canvas and region when given: under the base path for a link from our pages
    /// (<see cref="PortalContext.ObjectLink"/>), under the base URL for one that leaves them.
    /// </summary>
    public static string Url(string key, string? q, HitAnnotation? hit)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        if (!string.IsNullOrWhiteSpace(q))
        {
            pairs.Add(new("q", q));
        }

        if (hit is { CanvasId.Length: > 0 })
        {
            pairs.Add(new("canvas", hit.CanvasId));
            if (hit.Region is { } region)
            {
                pairs.Add(new("xywh", region.ToXywh()));
            }

            if (hit.Time is { } time)
            {
                pairs.Add(new("t", time.ToString()[TimeRange.FragmentKey.Length..]));
            }
        }

        return $"{PortalEndpoints.ObjectsPath}/{Uri.EscapeDataString(key)}" + QueryString.Create(pairs).ToUriComponent() + (hit is null ? string.Empty : "#viewer");
    }

    public static async Task<HtmlPage> RenderAsync(PortalRequest request, string key, IContentSearch search, IDocumentStore store, IndexingOptions indexing, CancellationToken cancellationToken)
    {
        var (portal, readers) = (request.Portal, request.Readers);
        var summary = ResourceKey.IsWellFormed(key) ? search.FindByKey(key) : null;
        if (summary is null)
        {
            var missing = PortalLayout.Page(portal, "Not found", readers.Primary, null, main =>
                main.Element("h1", "No such object").Element("p", "Nothing harvested has this key. ").Link(portal.SearchLink(), "Search everything"));
            return new HtmlPage(missing, StatusCodes.Status404NotFound);
        }

        var resource = await LoadAsync(store, key, cancellationToken);
        var query = request.Query.Values;
        var q = query["q"].ToString().Trim();
        var (canvas, region, time) = Place(query);

        string? problem = null;
        ContentSearchResult? hits = null;
        if (q.Length > 0)
        {
            if (!UserQuery.TryParse(q, indexing.MaxQueryLength, indexing.MaxQueryTerms, out var userQuery, out var error))
            {
                problem = error;
            }
            else
            {
                try
                {
                    hits = search.Search(new ContentSearchRequest { Scope = SearchScope.For(summary), Query = userQuery, PageSize = MaxHits });
                }
                catch (SearchQueryException ex)
                {
                    problem = ex.Message;
                }
            }
        }

        // Without a chosen place, the viewer opens at the first hit.
        if (canvas is null && hits is { Hits.Count: > 0 })
        {
            canvas = hits.Hits[0].Annotation.CanvasId;
            region = hits.Hits[0].Annotation.Region;
            time = hits.Hits[0].Annotation.Time;
        }

        var label = readers.Pick(summary.Label, summary.Uri);
        var manifestUrl = portal.Urls.Manifest(key);
        var html = PortalLayout.Page(portal, label, readers.Primary, null, main =>
        {
            main.Element("h1", label);
            WriteDescription(main, summary, resource, readers, portal);
            WriteLinks(main, summary, resource, portal, manifestUrl);
            WriteSearch(main, summary, resource, q, problem, hits, readers, portal);
            main.Raw("<section class=\"viewer\" aria-labelledby=\"viewer-title\"><h2 id=\"viewer-title\">Viewer</h2>")
                .Open("div", ("id", "viewer"), ("class", "mirador"), ("data-manifest", manifestUrl), ("data-canvas", canvas),
                    ("data-xywh", region?.ToXywh()), ("data-t", time?.Start.ToString("0.###", CultureInfo.InvariantCulture)), ("data-query", q.Length > 0 ? q : null), ("data-search", portal.Urls.Search(2, key)))
                .Close("div")
                .Raw("<noscript><p>The viewer needs JavaScript. The hits above link to the page images, and the IIIF links open them in any IIIF viewer.</p></noscript>")
                .Raw("</section>");
        }, scripts: "mirador.min.js viewer.js");
        return new HtmlPage(html);
    }

    private static async Task<PresentationResource?> LoadAsync(IDocumentStore store, string key, CancellationToken cancellationToken)
    {
        var document = await store.GetByKeyAsync(key, cancellationToken);
        if (document is null || document.Info.IsDeleted)
        {
            return null;
        }

        try
        {
            return IiifParser.Parse(document.Body).Document as PresentationResource;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The canvas, region and time asked for: <c>canvas</c>, <c>xywh</c> and <c>t</c>, or a content state in
    /// <c>iiif-content</c>.
    /// </summary>
    private static (string? Canvas, Region? Region, TimeRange? Time) Place(IQueryCollection query)
    {
        var canvas = query["canvas"].ToString();
        var xywh = query["xywh"].ToString();
        var t = query["t"].ToString();
        var encoded = query[ContentState.Parameter].ToString();
        if (encoded.Length > 0 && ContentState.Decode(encoded) is { } json && ContentStateTarget.Read(json) is { } target)
        {
            return (target.Canvas, target.Region, target.Time);
        }

        return canvas.Length > 0
            ? (canvas, ContentStateTarget.ParseXywh(xywh), t.Length > 0 ? TimeRange.Parse(TimeRange.FragmentKey + t) : null)
            : (null, null, null);
    }

    private static void WriteDescription(Html main, ResourceSummary summary, PresentationResource? resource, ReaderLanguages readers, PortalContext portal)
    {
        if (!summary.Summary.IsEmpty)
        {
            main.Open("div", ("class", "summary"));
            HarvestedValue.Write(main, readers.Pick(summary.Summary));
            main.Close("div");
        }

        main.Raw("<dl class=\"metadata\">");
        foreach (var entry in summary.Metadata)
        {
            main.Open("dt");
            HarvestedValue.Write(main, readers.Pick(entry.Label));
            main.Close("dt").Open("dd");
            HarvestedValue.Write(main, readers.Pick(entry.Value));
            main.Close("dd");
        }

        main.Element("dt", "Institution").Element("dd", portal.SourceName(summary.SourceKey) ?? summary.SourceName ?? summary.SourceKey);
        if (summary.NavDate is { } date)
        {
            main.Element("dt", "Sort date").Element("dd", date.Year.ToString(CultureInfo.InvariantCulture));
        }

        if (resource?.Providers.Count > 0)
        {
            main.Element("dt", "Provider").Open("dd");
            var first = true;
            foreach (var provider in resource.Providers)
            {
                if (!first)
                {
                    main.Text("; ");
                }

                first = false;
                var name = readers.Pick(provider.Label, provider.Id ?? string.Empty);
                var home = provider.Homepage.Select(h => HarvestedValue.SafeUrl(h.Id)).FirstOrDefault(u => u is not null);
                if (home is not null)
                {
                    main.Link(home, name);
                }
                else
                {
                    main.Text(name);
                }
            }

            main.Close("dd");
        }

        if (summary.Rights is { } rights)
        {
            main.Element("dt", "Rights").Open("dd");
            if (HarvestedValue.SafeUrl(rights) is { } rightsUrl)
            {
                main.Link(rightsUrl, rights, ("rel", "license"));
            }
            else
            {
                main.Text(rights);
            }

            main.Close("dd");
        }

        main.Raw("</dl>");

        // Presentation 3 §3.3.1: requiredStatement MUST be displayed to the user.
        if (resource?.RequiredStatement is { } statement)
        {
            main.Raw("<section class=\"attribution\">").Open("h2");
            HarvestedValue.Write(main, readers.Pick(statement.Label, "Attribution"));
            main.Close("h2").Open("p");
            HarvestedValue.Write(main, readers.Pick(statement.Value));
            main.Close("p").Raw("</section>");
        }
    }

    private static void WriteLinks(Html main, ResourceSummary summary, PresentationResource? resource, PortalContext portal, string manifestUrl)
    {
        main.Raw("<ul class=\"links\">");
        foreach (var homepage in resource?.Homepage ?? [])
        {
            if (HarvestedValue.SafeUrl(homepage.Id) is { } url)
            {
                main.Raw("<li>").Link(url, "This object at " + (portal.SourceName(summary.SourceKey) ?? "the institution")).Raw("</li>");
            }
        }

        if (HarvestedValue.SafeUrl(summary.Uri) is { } original)
        {
            main.Raw("<li>").Link(original, "The institution's IIIF manifest").Raw("</li>");
        }

        main.Raw("<li>").Link(manifestUrl, "Our copy of the manifest, with search").Raw("</li><li>");
        portal.WriteContentStateLinks(main, summary.Key, ContentState.Encode(ContentState.ForManifest(manifestUrl)));
        main.Raw("</li></ul>");
    }

    private static void WriteSearch(Html main, ResourceSummary summary, PresentationResource? resource, string q, string? problem, ContentSearchResult? hits, ReaderLanguages readers, PortalContext portal)
    {
        main.Raw("<section class=\"inside\" aria-labelledby=\"inside-title\"><h2 id=\"inside-title\">Search inside</h2>")
            .Open("form", ("class", "search-inside"), ("role", "search"), ("action", portal.ObjectLink(summary.Key)), ("method", "get"))
            .Raw("<label for=\"inside-q\">Words in this object</label>")
            .Open("input", ("id", "inside-q"), ("name", "q"), ("type", "search"), ("value", q), ("maxlength", "256"))
            .Raw("<button type=\"submit\">Search inside</button></form>");
        if (problem is not null)
        {
            main.Element("p", problem, ("class", "problem"), ("role", "alert"));
        }
        else if (hits is not null)
        {
            main.Element("p", hits.Total == 1 ? "1 hit" : $"{hits.Total:N0} hits" + (hits.Total > hits.Hits.Count ? $", the first {hits.Hits.Count} shown" : string.Empty), ("class", "summary"), ("role", "status"));
            var canvases = resource?.Canvases.Select((c, i) => (c, i)).ToDictionary(p => p.c.Id, p => p, StringComparer.Ordinal) ?? [];
            foreach (var group in hits.Hits.GroupBy(h => h.Annotation.CanvasId))
            {
                var title = canvases.TryGetValue(group.Key, out var found)
                    ? readers.Pick(found.c.Label, $"Image {found.i + 1}")
                    : "Page";
                main.Element("h3", title).Raw("<ul class=\"snippets\">");
                var image = CanvasImage.Of(found.c);
                foreach (var hit in group)
                {
                    SearchPage.WriteSnippet(main, summary, hit, q, portal, image);
                }

                main.Raw("</ul>");
            }
        }

        main.Raw("</section>");
    }
}

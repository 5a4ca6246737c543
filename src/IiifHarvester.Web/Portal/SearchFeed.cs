using System.Globalization;
using System.Text;
using System.Xml;
using IiifHarvester.Indexing;
using IiifHarvester.Indexing.Catalog;
using IiifHarvester.Indexing.Querying;
using IiifHarvester.Indexing.Search;
using IiifHarvester.Web.Catalog;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IiifHarvester.Web.Portal;

/// <summary>
/// <c>/search/feed?q=...</c>: an Atom feed (RFC 4287) of the objects matching a search, most recently changed first
/// (<see cref="CatalogSort.Newest"/>). An object's <c>updated</c> is when the store recorded its last change of content
/// (the change log entry the index holds it from), so a feed reader shows what institutions added or changed since the
/// last visit, and a re-harvest that finds the same bytes moves nothing. The feed's <c>updated</c> is its newest entry's.
/// </summary>
internal static class SearchFeed
{
    public static Results<ContentHttpResult, ProblemHttpResult> Render(PortalRequest request, IContentSearch search, IndexingOptions indexing)
    {
        var (portal, readers, query) = (request.Portal, request.Readers, request.Query.Values);
        var q = query["q"].ToString().Trim();
        UserQuery? userQuery = null;
        if (q.Length > 0 && !UserQuery.TryParse(q, indexing.MaxQueryLength, indexing.MaxQueryTerms, out userQuery, out var error))
        {
            return TypedResults.Problem(error, statusCode: StatusCodes.Status400BadRequest);
        }

        CatalogResult result;
        try
        {
            result = search.SearchCatalog(CatalogParameters.Filters(query) with
            {
                Query = userQuery,
                Sort = CatalogSort.Newest,
                PageSize = portal.Options.FeedEntries,
                Snippets = 1,
            });
        }
        catch (SearchQueryException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }

        var state = PortalQuery.From(query).Without("sort");
        var self = portal.Urls.Base + state.Url(PortalEndpoints.FeedPath);
        var page = portal.Urls.Base + state.Url(PortalEndpoints.SearchPath);
        // RFC 4287 §4.2.15: the most recent instant the feed changed, which is its newest entry's; the epoch when empty.
        var updated = result.Items.Select(i => i.Resource.ChangedAt).Where(d => d is not null).DefaultIfEmpty(DateTimeOffset.UnixEpoch).Max()!.Value;

        var buffer = new StringBuilder();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false }))
        {
            const string atom = "http://www.w3.org/2005/Atom";
            writer.WriteStartElement("feed", atom);
            writer.WriteElementString("id", atom, self);
            writer.WriteElementString("title", atom, q.Length > 0 ? $"IiifHarvester: objects matching \u201c{q}\u201d" : "IiifHarvester: new objects");
            writer.WriteElementString("updated", atom, Rfc3339(updated));
            Link(writer, atom, "self", self, "application/atom+xml");
            Link(writer, atom, "alternate", page, "text/html");
            writer.WriteStartElement("author", atom);
            writer.WriteElementString("name", atom, "IiifHarvester");
            writer.WriteEndElement();
            foreach (var item in result.Items)
            {
                var resource = item.Resource;
                var objectUrl = portal.Urls.Base + ObjectPage.Url(resource.Key, q.Length > 0 ? q : null, null);
                writer.WriteStartElement("entry", atom);
                writer.WriteElementString("id", atom, portal.Urls.Manifest(resource.Key));
                writer.WriteElementString("title", atom, readers.Pick(resource.Label, resource.Uri));
                writer.WriteElementString("updated", atom, Rfc3339(resource.ChangedAt ?? updated));
                Link(writer, atom, "alternate", objectUrl, "text/html");
                Link(writer, atom, "related", portal.Urls.Manifest(resource.Key), "application/ld+json");
                var summary = new StringBuilder(portal.SourceName(resource.SourceKey) ?? resource.SourceName ?? resource.SourceKey);
                if (item.TextHits > 0)
                {
                    summary.Append(CultureInfo.InvariantCulture, $"; {item.TextHits} hits in the text");
                }

                if (item.Snippets.Count > 0)
                {
                    var hit = item.Snippets[0];
                    summary.Append(": \u2026").Append(hit.Before).Append(hit.Match).Append(hit.After).Append('\u2026');
                }

                writer.WriteElementString("summary", atom, summary.ToString());
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        return TypedResults.Text(buffer.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal), "application/atom+xml; charset=utf-8", Encoding.UTF8);
    }

    private static void Link(XmlWriter writer, string ns, string rel, string href, string type)
    {
        writer.WriteStartElement("link", ns);
        writer.WriteAttributeString("rel", rel);
        writer.WriteAttributeString("type", type);
        writer.WriteAttributeString("href", href);
        writer.WriteEndElement();
    }

    private static string Rfc3339(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using IiifHarvester.Iiif.Html;
using IiifHarvester.Indexing;
using IiifHarvester.Indexing.Catalog;
using IiifHarvester.Indexing.Querying;
using IiifHarvester.Indexing.Search;
using IiifHarvester.Web.Portal;
using IiifHarvester.Web.Search;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace IiifHarvester.Web.Catalog;

/// <summary>
/// The union catalog: <c>/iiif/catalog?q=&amp;source=&amp;...&amp;sort=&amp;page=</c> (<see cref="CatalogParameters"/>): objects
/// found by metadata or full text, with their text-hit counts, snippets and content states, as JSON with facets, and <c>/iiif/catalog/collection?...</c> the same page of results as a IIIF Presentation 3 Collection.
/// Filters may repeat (<c>source=a&amp;source=b</c>: either); different filters all apply.
/// </summary>
public static class CatalogEndpoints
{
    /// <summary>Maps the catalog endpoints.</summary>
    public static IEndpointRouteBuilder MapIiifCatalog(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapRead("/iiif/catalog", GetJson).WithName("IiifCatalog");
        endpoints.MapRead("/iiif/catalog/collection", GetCollection).WithName("IiifCatalogCollection");
        return endpoints;
    }

    /// <summary>A page of results as JSON with facets.</summary>
    internal static Results<IiifJsonResult, IiifJsonError, IiifNotModified> GetJson([AsParameters] CatalogPageRequest request, [AsParameters] SearchServices services) =>
        Get(request, services, asCollection: false);

    /// <summary>A page of results as a IIIF Presentation 3 Collection.</summary>
    internal static Results<IiifJsonResult, IiifJsonError, IiifNotModified> GetCollection([AsParameters] CatalogPageRequest request, [AsParameters] SearchServices services) =>
        Get(request, services, asCollection: true);

    private static Results<IiifJsonResult, IiifJsonError, IiifNotModified> Get(CatalogPageRequest request, SearchServices services, bool asCollection)
    {
        var (search, indexing, api) = (services.Search, services.Indexing.Value, services.Api.Value);
        var query = request.Query.Values;
        if (!TryValidate(query, indexing, out var q, out var userQuery, out var page, out var rejected))
        {
            return rejected;
        }

        var urls = request.Urls;
        var etag = SearchEndpoints.ETag(search.Generation, urls);
        if (IiifJsonResult.Matches(request.IfNoneMatch, etag))
        {
            return IiifJsonResult.NotModified(etag, api.CacheMaxAge);
        }

        CatalogResult result;
        try
        {
            result = search.SearchCatalog(CatalogParameters.Filters(query) with { Query = userQuery, Page = page });
        }
        catch (SearchQueryException ex)
        {
            return IiifJsonResult.Error(400, ex.Message);
        }

        var lastPage = Math.Max(1, (int)Math.Ceiling(result.Total / (double)result.PageSize));
        if (page > lastPage)
        {
            return IiifJsonResult.Error(404, $"Page {page} is beyond the last page ({lastPage}) of {result.Total} results.");
        }

        var path = asCollection ? urls.Catalog + "/collection" : urls.Catalog;
        var self = path + request.Query.Raw.ToUriComponent();
        var others = query
            .Where(pair => pair.Key != "page")
            .SelectMany(pair => pair.Value.Select(v => new KeyValuePair<string, string?>(pair.Key, v)))
            .ToList();
        var whole = path + QueryString.Create(others).ToUriComponent();
        string PageUrl(int p) => path + QueryString.Create(others.Append(new("page", p.ToString(CultureInfo.InvariantCulture)))).ToUriComponent();

        var next = page < lastPage ? PageUrl(page + 1) : null;
        var prev = page > 1 ? PageUrl(page - 1) : null;
        var resultETag = SearchEndpoints.ETag(result.Generation, urls);
        return asCollection
            ? new IiifJsonResult(200, MediaTypes.JsonLdUnlessJson(request.Accept, MediaTypes.Presentation3Context), w => CatalogCollectionWriter.Write(
                w, result, q, lastPage, query.ContainsKey("page") || lastPage == 1 ? page : null, whole, PageUrl, urls))
            {
                ETag = resultETag,
                MaxAge = api.CacheMaxAge,
            }
            : new IiifJsonResult(200, MediaTypes.Json, w => WriteJson(w, self, q, result, next, prev, urls, query))
            {
                ETag = resultETag,
                MaxAge = api.CacheMaxAge,
            };
    }

    /// <summary>The one check of a catalog query: words within the configured limits, and a page number (else 400).</summary>
    private static bool TryValidate(
        IQueryCollection query,
        IndexingOptions indexing,
        out string q,
        out UserQuery? userQuery,
        out int page,
        [NotNullWhen(false)] out IiifJsonError? rejected)
    {
        userQuery = null;
        page = 1;
        rejected = null;
        q = query["q"].ToString();
        if (!string.IsNullOrWhiteSpace(q) && !UserQuery.TryParse(q, indexing.MaxQueryLength, indexing.MaxQueryTerms, out userQuery, out var error))
        {
            rejected = IiifJsonResult.Error(400, error);
            return false;
        }

        if (query.TryGetValue("page", out var pageValue)
            && (!int.TryParse(pageValue.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
        {
            rejected = IiifJsonResult.Error(400, $"The page '{pageValue}' is not a page number (1, 2, ...).");
            return false;
        }

        return true;
    }

    private static void WriteJson(Utf8JsonWriter writer, string self, string q, CatalogResult result, string? next, string? prev, PublicUrls urls, IQueryCollection query)
    {
        writer.WriteStartObject();
        writer.WriteString("id", self);
        writer.WriteString("q", q);
        writer.WriteNumber("total", result.Total);
        writer.WriteNumber("page", result.Page);
        writer.WriteNumber("pageSize", result.PageSize);
        if (next is not null)
        {
            writer.WriteString("next", next);
        }

        if (prev is not null)
        {
            writer.WriteString("prev", prev);
        }

        writer.WriteString("collection", urls.Catalog + "/collection" + QueryString.Create(
            query.SelectMany(pair => pair.Value.Select(v => new KeyValuePair<string, string?>(pair.Key, v)))).ToUriComponent());
        writer.WriteStartArray("items");
        foreach (var found in result.Items)
        {
            var item = found.Resource;
            writer.WriteStartObject();
            writer.WriteString("key", item.Key);
            writer.WriteString("id", item.Uri);
            writer.WriteString("type", item.Kind.ToString());
            JsonWriting.WriteLanguageMap(writer, "label", item.Label);
            if (!item.Summary.IsEmpty)
            {
                JsonWriting.WriteLanguageMap(writer, "summary", item.Summary);
            }

            writer.WriteString("source", item.SourceKey);
            if (item.SourceName is not null)
            {
                writer.WriteString("sourceName", item.SourceName);
            }

            JsonWriting.WriteStrings(writer, "provider", item.Providers.Select(IiifHtmlSanitizer.Sanitize));
            JsonWriting.WriteStrings(writer, "language", item.Languages);
            if (item.NavDate is { } navDate)
            {
                writer.WriteString("navDate", navDate.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            }

            if (item.Rights is not null)
            {
                writer.WriteString("rights", item.Rights);
            }

            writer.WriteNumber("canvasCount", item.CanvasCount);
            if (item.Thumbnail is not null)
            {
                writer.WriteString("thumbnail", item.Thumbnail);
            }

            writer.WriteStartArray("metadata");
            foreach (var entry in item.Metadata)
            {
                writer.WriteStartObject();
                JsonWriting.WriteLanguageMap(writer, "label", entry.Label);
                JsonWriting.WriteLanguageMap(writer, "value", entry.Value);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteString("manifest", urls.Manifest(item.Key));
            writer.WriteString("search", urls.Search(2, item.Key));
            writer.WriteString("contentState", ContentState.Encode(ContentState.ForManifest(urls.Manifest(item.Key))));
            writer.WriteBoolean("metadataMatched", found.MetadataMatched);
            writer.WriteNumber("textHits", found.TextHits);
            writer.WriteStartArray("snippets");
            foreach (var hit in found.Snippets)
            {
                WriteSnippet(writer, hit, urls);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartObject("facets");
        foreach (var (name, values) in result.Facets)
        {
            writer.WriteStartArray(name);
            foreach (var value in values)
            {
                writer.WriteStartObject();
                writer.WriteString("value", IiifHtmlSanitizer.Sanitize(value.Value));
                writer.WriteNumber("count", value.Count);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteSnippet(Utf8JsonWriter writer, SearchHit hit, PublicUrls urls)
    {
        var first = hit.Annotation;
        writer.WriteStartObject();
        writer.WriteString("before", hit.Before);
        writer.WriteString("match", hit.Match);
        writer.WriteString("after", hit.After);
        writer.WriteString("annotation", AnnotationIds.Of(first, urls));
        if (first.CanvasId.Length > 0)
        {
            writer.WriteString("canvas", first.CanvasId);
            if (first.Region is { } region)
            {
                writer.WriteString("region", region.ToXywh());
            }

            writer.WriteString("contentState", ContentState.Encode(ContentState.ForCanvas(urls.Manifest(first.ManifestKey), first.CanvasId, first.Region, first.Time)));
        }

        writer.WriteEndObject();
    }
}

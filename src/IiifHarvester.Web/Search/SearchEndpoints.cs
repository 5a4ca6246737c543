using IiifHarvester.Iiif.Identity;
using IiifHarvester.Iiif.Model;
using IiifHarvester.Indexing;
using IiifHarvester.Indexing.Querying;
using IiifHarvester.Indexing.Search;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IiifHarvester.Web.Search;

/// <summary>
/// IIIF Content Search 1.0 and 2.0 with autocomplete, for any harvested manifest or collection
/// (<c>/iiif/search/{1|2}/{key}</c>) and for the whole aggregate (<c>/iiif/search/{1|2}/all</c>).
/// </summary>
public static class SearchEndpoints
{
    /// <summary>Maps the search and autocomplete services and their CORS preflight.</summary>
    public static IEndpointRouteBuilder MapIiifSearch(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/iiif/search");
        group.MapRead("/{version:int}/{key}", SearchAsync).WithName("IiifSearch");
        group.MapRead("/{version:int}/{key}/autocomplete", AutocompleteAsync).WithName("IiifAutocomplete");
        return endpoints;
    }

    internal static Task<IResult> SearchAsync(
        HttpContext context,
        int version,
        string key,
        [FromServices] IContentSearch search,
        [FromServices] IOptions<IndexingOptions> indexing,
        [FromServices] IOptions<SearchApiOptions> api,
        [FromServices] ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(SearchEndpoints));
        if (version is not (1 or 2))
        {
            return Task.FromResult<IResult>(IiifJsonResult.Error(404, $"There is no Content Search version {version}; use 1 or 2."));
        }

        if (!TryResolve(search, key, out var scope, out var acrossManifests, out var notFound))
        {
            return Task.FromResult<IResult>(notFound);
        }

        if (!SearchParameters.TryParse(context.Request.Query, autocomplete: false, out var parameters, out var error)
            || !UserQuery.TryParse(parameters.Q, indexing.Value.MaxQueryLength, indexing.Value.MaxQueryTerms, out var query, out error))
        {
            Log.Rejected(logger, key, error);
            return Task.FromResult<IResult>(IiifJsonResult.Error(400, error));
        }

        var urls = PublicUrls.From(context);
        var maxAge = api.Value.CacheMaxAge;
        var etag = ETag(search.Generation, urls);
        if (IiifJsonResult.Matches(context.Request, etag))
        {
            return Task.FromResult(IiifJsonResult.NotModified(etag, maxAge));
        }

        var pageSize = indexing.Value.PageSize;
        ContentSearchResult result;
        try
        {
            result = search.Search(new ContentSearchRequest
            {
                Scope = scope,
                Query = query,
                Filter = parameters.Filter,
                StartIndex = (int)Math.Min(int.MaxValue, (long)(parameters.Page - 1) * pageSize),
                PageSize = pageSize,
            });
        }
        catch (SearchQueryException ex)
        {
            Log.Rejected(logger, key, ex.Message);
            return Task.FromResult<IResult>(IiifJsonResult.Error(400, ex.Message));
        }

        if (parameters.Page > 1 && result.StartIndex >= result.Total)
        {
            var last = Math.Max(1, (int)Math.Ceiling(result.Total / (double)pageSize));
            return Task.FromResult<IResult>(IiifJsonResult.Error(404, $"Page {parameters.Page} is beyond the last page ({last}) of {result.Total} hits."));
        }

        var serviceUrl = urls.Search(version, key);
        var paging = SearchPaging.Create(serviceUrl, parameters, query.Text, parameters.Page, pageSize, result.Total, context.Request.Query.ContainsKey("page"));
        IResult answer = version == 1
            ? new IiifJsonResult(200, MediaTypes.Negotiated(context.Request, MediaTypes.Search1Context),
                writer => SearchV1Writer.Write(writer, result, paging, parameters.Ignored, acrossManifests, urls))
            {
                ETag = ETag(result.Generation, urls),
                MaxAge = maxAge,
                VaryOnAccept = true,
            }
            : new IiifJsonResult(200, MediaTypes.JsonLdUnlessJson(context.Request, MediaTypes.Search2Context),
                writer => SearchV2Writer.Write(writer, result, paging, parameters.Ignored, acrossManifests, query.Text, urls))
            {
                ETag = ETag(result.Generation, urls),
                MaxAge = maxAge,
                VaryOnAccept = true,
            };
        return Task.FromResult(answer);
    }

    internal static Task<IResult> AutocompleteAsync(
        HttpContext context,
        int version,
        string key,
        [FromServices] IContentSearch search,
        [FromServices] IOptions<IndexingOptions> indexing,
        [FromServices] IOptions<SearchApiOptions> api,
        [FromServices] ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(SearchEndpoints));
        if (version is not (1 or 2))
        {
            return Task.FromResult<IResult>(IiifJsonResult.Error(404, $"There is no Content Search version {version}; use 1 or 2."));
        }

        if (!TryResolve(search, key, out var scope, out _, out var notFound))
        {
            return Task.FromResult<IResult>(notFound);
        }

        if (!SearchParameters.TryParse(context.Request.Query, autocomplete: true, out var parameters, out var error))
        {
            Log.Rejected(logger, key, error);
            return Task.FromResult<IResult>(IiifJsonResult.Error(400, error));
        }

        var prefix = parameters.Q?.Trim() ?? string.Empty;
        if (prefix.Length == 0 || prefix.Length > indexing.Value.MaxQueryLength)
        {
            var message = prefix.Length == 0
                ? "The autocomplete query (q) is empty: give the beginning of a word."
                : $"The autocomplete query (q) is {prefix.Length} characters long; at most {indexing.Value.MaxQueryLength} are accepted.";
            Log.Rejected(logger, key, message);
            return Task.FromResult<IResult>(IiifJsonResult.Error(400, message));
        }

        var urls = PublicUrls.From(context);
        var maxAge = api.Value.CacheMaxAge;
        var etag = ETag(search.Generation, urls);
        if (IiifJsonResult.Matches(context.Request, etag))
        {
            return Task.FromResult(IiifJsonResult.NotModified(etag, maxAge));
        }

        var result = search.Autocomplete(new AutocompleteRequest
        {
            Scope = scope,
            Prefix = prefix,
            MinCount = parameters.Min,
            Filter = parameters.Filter,
        });
        var id = urls.Autocomplete(version, key) + context.Request.QueryString.ToUriComponent();
        IResult answer = version == 1
            ? new IiifJsonResult(200, MediaTypes.Negotiated(context.Request, MediaTypes.Search1Context),
                writer => TermListWriter.WriteV1(writer, id, result, parameters.Ignored, term => urls.Search(1, key) + parameters.QueryString(term)))
            {
                ETag = ETag(result.Generation, urls),
                MaxAge = maxAge,
                VaryOnAccept = true,
            }
            : new IiifJsonResult(200, MediaTypes.JsonLdUnlessJson(context.Request, MediaTypes.Search2Context),
                writer => TermListWriter.WriteV2(writer, id, result, parameters.Ignored))
            {
                ETag = ETag(result.Generation, urls),
                MaxAge = maxAge,
                VaryOnAccept = true,
            };
        return Task.FromResult(answer);
    }

    /// <summary>The ETag of an answer: the index generation, and the base URL the ids were built with.</summary>
    internal static string ETag(long generation, PublicUrls urls) =>
        $"W/\"g{generation:x}-{ResourceKey.For(urls.Base)[..8]}\"";

    private static bool TryResolve(IContentSearch search, string key, out SearchScope scope, out bool acrossManifests, out IResult notFound)
    {
        scope = SearchScope.All;
        acrossManifests = true;
        notFound = null!;
        if (string.Equals(key, PublicUrls.AllKey, StringComparison.Ordinal))
        {
            return true;
        }

        var resource = ResourceKey.IsWellFormed(key) ? search.FindByKey(key) : null;
        if (resource is null)
        {
            notFound = IiifJsonResult.Error(404, $"No harvested manifest or collection has the key '{key}'.");
            return false;
        }

        scope = SearchScope.For(resource);
        acrossManifests = resource.Kind == PresentationKind.Collection;
        return true;
    }
}

using System.Diagnostics.CodeAnalysis;
using IiifHarvester.Iiif.Identity;
using IiifHarvester.Indexing;
using IiifHarvester.Indexing.Querying;
using IiifHarvester.Indexing.Search;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
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
        group.MapRead("/{version:int}/{key}", Search).WithName("IiifSearch");
        group.MapRead("/{version:int}/{key}/autocomplete", Autocomplete).WithName("IiifAutocomplete");
        return endpoints;
    }

    /// <summary>A Content Search request: the hits of one page, or why there are none.</summary>
    internal static Results<IiifJsonResult, IiifJsonError, IiifNotModified> Search([AsParameters] SearchRequest request, [AsParameters] SearchServices services)
    {
        var (search, indexing, logger) = (services.Search, services.Indexing.Value, services.Logger);
        if (!TryResolve(request, search, autocomplete: false, logger, out var scope, out var acrossManifests, out var parameters, out var rejected)
            || !TryParseQuery(request, parameters, indexing, logger, out var query, out rejected))
        {
            return rejected;
        }

        var urls = request.Urls;
        var maxAge = services.Api.Value.CacheMaxAge;
        var etag = ETag(search.Generation, urls);
        if (IiifJsonResult.Matches(request.IfNoneMatch, etag))
        {
            return IiifJsonResult.NotModified(etag, maxAge);
        }

        var pageSize = indexing.PageSize;
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
            Log.Rejected(logger, request.Key, ex.Message);
            return IiifJsonResult.Error(400, ex.Message);
        }

        if (parameters.Page > 1 && result.StartIndex >= result.Total)
        {
            var last = Math.Max(1, (int)Math.Ceiling(result.Total / (double)pageSize));
            return IiifJsonResult.Error(404, $"Page {parameters.Page} is beyond the last page ({last}) of {result.Total} hits.");
        }

        var (version, key) = (request.Version, request.Key);
        var serviceUrl = urls.Search(version, key);
        var paging = SearchPaging.Create(serviceUrl, parameters, query.Text, parameters.Page, pageSize, result.Total, request.Query.Values.ContainsKey("page"));
        return version == 1
            ? new IiifJsonResult(200, MediaTypes.Negotiated(request.Accept, MediaTypes.Search1Context),
                writer => SearchV1Writer.Write(writer, result, paging, parameters.Ignored, acrossManifests, urls))
            {
                ETag = ETag(result.Generation, urls),
                MaxAge = maxAge,
                VaryOnAccept = true,
            }
            : new IiifJsonResult(200, MediaTypes.JsonLdUnlessJson(request.Accept, MediaTypes.Search2Context),
                writer => SearchV2Writer.Write(writer, result, paging, parameters.Ignored, acrossManifests, query.Text, urls))
            {
                ETag = ETag(result.Generation, urls),
                MaxAge = maxAge,
                VaryOnAccept = true,
            };
    }

    /// <summary>An autocomplete request: the index's terms that begin with <c>q</c>.</summary>
    internal static Results<IiifJsonResult, IiifJsonError, IiifNotModified> Autocomplete([AsParameters] SearchRequest request, [AsParameters] SearchServices services)
    {
        var (search, indexing, logger) = (services.Search, services.Indexing.Value, services.Logger);
        if (!TryResolve(request, search, autocomplete: true, logger, out var scope, out _, out var parameters, out var rejected))
        {
            return rejected;
        }

        var prefix = parameters.Q?.Trim() ?? string.Empty;
        if (prefix.Length == 0 || prefix.Length > indexing.MaxQueryLength)
        {
            var message = prefix.Length == 0
                ? "The autocomplete query (q) is empty: give the beginning of a word."
                : $"The autocomplete query (q) is {prefix.Length} characters long; at most {indexing.MaxQueryLength} are accepted.";
            Log.Rejected(logger, request.Key, message);
            return IiifJsonResult.Error(400, message);
        }

        var urls = request.Urls;
        var maxAge = services.Api.Value.CacheMaxAge;
        var etag = ETag(search.Generation, urls);
        if (IiifJsonResult.Matches(request.IfNoneMatch, etag))
        {
            return IiifJsonResult.NotModified(etag, maxAge);
        }

        var result = search.Autocomplete(new AutocompleteRequest
        {
            Scope = scope,
            Prefix = prefix,
            MinCount = parameters.Min,
            Filter = parameters.Filter,
        });
        var (version, key) = (request.Version, request.Key);
        var id = urls.Autocomplete(version, key) + request.Query.Raw.ToUriComponent();
        return version == 1
            ? new IiifJsonResult(200, MediaTypes.Negotiated(request.Accept, MediaTypes.Search1Context),
                writer => TermListWriter.WriteV1(writer, id, result, parameters.Ignored, term => urls.Search(1, key) + parameters.QueryString(term)))
            {
                ETag = ETag(result.Generation, urls),
                MaxAge = maxAge,
                VaryOnAccept = true,
            }
            : new IiifJsonResult(200, MediaTypes.JsonLdUnlessJson(request.Accept, MediaTypes.Search2Context),
                writer => TermListWriter.WriteV2(writer, id, result, parameters.Ignored))
            {
                ETag = ETag(result.Generation, urls),
                MaxAge = maxAge,
                VaryOnAccept = true,
            };
    }

    /// <summary>The ETag of an answer: the index generation, and the base URL the ids were built with.</summary>
    internal static string ETag(long generation, PublicUrls urls) =>
        $"W/\"g{generation:x}-{ResourceKey.For(urls.Base)[..8]}\"";

    /// <summary>
    /// The one check of what a search or autocomplete request brings: a version we serve (else 404), a key we know
    /// (else 404) and well-formed parameters (else 400, logged).
    /// </summary>
    private static bool TryResolve(
        SearchRequest request,
        IContentSearch search,
        bool autocomplete,
        ILogger logger,
        out SearchScope scope,
        out bool acrossManifests,
        [NotNullWhen(true)] out SearchParameters? parameters,
        [NotNullWhen(false)] out IiifJsonError? rejected)
    {
        scope = SearchScope.All;
        acrossManifests = true;
        parameters = null;
        rejected = null;
        if (request.Version is not (1 or 2))
        {
            rejected = IiifJsonResult.Error(404, $"There is no Content Search version {request.Version}; use 1 or 2.");
            return false;
        }

        var key = request.Key;
        if (!string.Equals(key, PublicUrls.AllKey, StringComparison.Ordinal))
        {
            if ((ResourceKey.IsWellFormed(key) ? search.FindScope(key) : null) is not { } found)
            {
                rejected = IiifJsonResult.Error(404, $"No harvested manifest or collection has the key '{key}'.");
                return false;
            }

            scope = found;
            acrossManifests = found.Kind == SearchScopeKind.Collection;
        }

        if (!SearchParameters.TryParse(request.Query.Values, autocomplete, out parameters, out var error))
        {
            Log.Rejected(logger, key, error);
            rejected = IiifJsonResult.Error(400, error);
            return false;
        }

        return true;
    }

    /// <summary>The words of a search (<c>q</c>) within the configured limits (else 400, logged).</summary>
    private static bool TryParseQuery(SearchRequest request, SearchParameters parameters, IndexingOptions indexing, ILogger logger, [NotNullWhen(true)] out UserQuery? query, [NotNullWhen(false)] out IiifJsonError? rejected)
    {
        rejected = null;
        if (!UserQuery.TryParse(parameters.Q, indexing.MaxQueryLength, indexing.MaxQueryTerms, out query, out var error))
        {
            Log.Rejected(logger, request.Key, error);
            rejected = IiifJsonResult.Error(400, error);
            return false;
        }

        return true;
    }
}

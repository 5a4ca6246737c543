using IiifHarvester.Iiif.Identity;
using IiifHarvester.Indexing.Search;
using IiifHarvester.Web.Search;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace IiifHarvester.Web.Resources;

/// <summary><c>GET /api/resources?uri=ORIGINAL_ID</c>: an institution's id to our key and our links for it.</summary>
public static class ResourceEndpoints
{
    /// <summary>Maps the lookup endpoint.</summary>
    public static IEndpointRouteBuilder MapIiifResources(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapRead("/api/resources", Get).WithName("IiifResourceLookup");
        return endpoints;
    }

    internal static IResult Get(HttpContext context, [FromServices] IContentSearch search, [FromServices] IOptions<SearchApiOptions> api)
    {
        var uri = context.Request.Query["uri"].ToString().Trim();
        if (uri.Length == 0)
        {
            return IiifJsonResult.Error(400, "Give the resource's original id as ?uri=.");
        }

        var resource = search.FindByUri(uri);
        if (resource is null)
        {
            return IiifJsonResult.Error(404, $"'{uri}' has not been harvested (its key would be {ResourceKey.For(uri)}).");
        }

        var urls = PublicUrls.From(context);
        var etag = SearchEndpoints.ETag(search.Generation, urls);
        if (IiifJsonResult.Matches(context.Request, etag))
        {
            return IiifJsonResult.NotModified(etag, api.Value.CacheMaxAge);
        }

        return new IiifJsonResult(200, "application/json", writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("uri", resource.Uri);
            writer.WriteString("key", resource.Key);
            writer.WriteString("type", resource.Kind.ToString());
            JsonWriting.WriteLanguageMap(writer, "label", resource.Label);
            writer.WriteString("source", resource.SourceKey);
            JsonWriting.WriteStrings(writer, "partOf", resource.ParentCollections);
            writer.WriteStartObject("links");
            writer.WriteString("manifest", urls.Manifest(resource.Key));
            writer.WriteString("search1", urls.Search(1, resource.Key));
            writer.WriteString("autocomplete1", urls.Autocomplete(1, resource.Key));
            writer.WriteString("search2", urls.Search(2, resource.Key));
            writer.WriteString("autocomplete2", urls.Autocomplete(2, resource.Key));
            writer.WriteEndObject();
            writer.WriteEndObject();
        })
        {
            ETag = etag,
            MaxAge = api.Value.CacheMaxAge,
        };
    }
}

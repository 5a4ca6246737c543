using IiifHarvester.Iiif.Identity;
using IiifHarvester.Storage.Images;
using IiifHarvester.Web.Search;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

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

    /// <summary>Our key and links for an institution's id: a harvested manifest or collection, or an image service.</summary>
    internal static async Task<Results<IiifJsonResult, IiifJsonError, IiifNotModified>> Get(
        [AsParameters] ResourceRequest request,
        [AsParameters] ResourceServices services,
        CancellationToken cancellationToken)
    {
        var (search, api) = (services.Search, services.Api.Value);
        var uri = request.Uri?.Trim() ?? string.Empty;
        if (uri.Length == 0)
        {
            return IiifJsonResult.Error(400, "Give the resource's original id as ?uri=.");
        }

        var resource = search.FindByUri(uri);
        if (resource is null)
        {
            // An image service a harvested manifest named: our proxy's URLs for it.
            if (services.Images is { } images
                && await images.FindAsync(ResourceKey.ForImageService(uri), cancellationToken) is { } service)
            {
                return ImageService(request.Urls.Base + services.ImageOptions.Value.RoutePrefix, service, api.CacheMaxAge);
            }

            return IiifJsonResult.Error(404, $"'{uri}' has not been harvested (its key would be {ResourceKey.For(uri)}).");
        }

        var urls = request.Urls;
        var etag = SearchEndpoints.ETag(search.Generation, urls);
        if (IiifJsonResult.Matches(request.IfNoneMatch, etag))
        {
            return IiifJsonResult.NotModified(etag, api.CacheMaxAge);
        }

        return new IiifJsonResult(200, "application/json", writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("uri", resource.Uri);
            writer.WriteString("key", resource.Key);
            writer.WriteString("type", resource.Kind.ToString());
            JsonWriting.WriteLanguageMap(writer, "label", resource.Label);
            writer.WriteString("source", resource.SourceKey);
            CollectionPartOf.Write(writer, search, resource);
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
            MaxAge = api.CacheMaxAge,
        };
    }

    /// <summary>
    /// An institution's image service and its proxy: <c>image</c> answers in the service's own version (and syntax),
    /// <c>image2</c> in 2.1, <c>image3</c> in 3.0.
    /// </summary>
    private static IiifJsonResult ImageService(string proxyBase, ImageServiceRecord service, TimeSpan maxAge)
        => new(200, "application/json", writer =>
        {
            var ours = proxyBase + "/" + service.Key;
            writer.WriteStartObject();
            writer.WriteString("uri", service.ServiceId);
            writer.WriteString("key", service.Key);
            writer.WriteString("type", "ImageService");
            writer.WriteString("source", service.SourceKey);
            writer.WriteStartObject("links");
            writer.WriteString("image", ours);
            writer.WriteString("info", ours + "/info.json");
            writer.WriteString("image2", proxyBase + "/2/" + service.Key);
            writer.WriteString("image3", proxyBase + "/3/" + service.Key);
            writer.WriteEndObject();
            writer.WriteEndObject();
        })
        {
            MaxAge = maxAge,
        };
}

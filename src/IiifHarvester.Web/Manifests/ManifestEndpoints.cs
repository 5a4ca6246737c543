using System.Text.Json;
using IiifHarvester.Iiif.Identity;
using IiifHarvester.Storage.Documents;
using IiifHarvester.Web.Search;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace IiifHarvester.Web.Manifests;

/// <summary>
/// Re-serves harvested manifests and collections at <c>/iiif/manifests/{key}</c> as our copies (see
/// <see cref="ManifestRewriter"/>: our id, the original in seeAlso, our search services first, text sanitized), so a
/// viewer that opens a hit keeps searching through us; for a source with <c>ProxyImages</c>, its images point at our
/// image proxy (<see cref="ImageServiceRewriter"/>); a Presentation 3 copy is <c>partOf</c> our copies of the
/// harvested collections that list it.
/// </summary>
public static class ManifestEndpoints
{
    /// <summary>Changes when what the rewriter writes changes, so caches do not keep an older copy.</summary>
    private const string Revision = "|rewrite-3";

    /// <summary>Maps the re-serving endpoint (it needs an <see cref="IDocumentStore"/> in the container).</summary>
    public static IEndpointRouteBuilder MapIiifManifests(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapRead("/iiif/manifests/{key}", GetAsync).WithName("IiifManifest");
        return endpoints;
    }

    /// <summary>Our copy of a harvested manifest or collection.</summary>
    internal static async Task<Results<IiifJsonResult, IiifJsonError, IiifNotModified>> GetAsync(
        [AsParameters] ManifestRequest request,
        [AsParameters] ManifestServices services,
        CancellationToken cancellationToken)
    {
        var (key, store) = (request.Key, services.Store);
        var document = ResourceKey.IsWellFormed(key) ? await store.GetByKeyAsync(key, cancellationToken) : null;
        if (document is null || document.Info.Kind is not (DocumentKind.Manifest or DocumentKind.Collection))
        {
            return IiifJsonResult.Error(404, $"No harvested manifest or collection has the key '{key}'.");
        }

        if (document.Info.IsDeleted)
        {
            return IiifJsonResult.Error(404, $"The resource with key '{key}' was deleted by its publisher.");
        }

        var urls = request.Urls;
        var proxyImages = services.Sources.Find(document.Info.SourceKey)?.ProxyImages == true;
        var collections = await CollectionCopies.FindAsync(store, services.Search, document.Info.Uri, cancellationToken);
        var memberOf = collections.Count == 0 ? string.Empty : "-" + ResourceKey.For(string.Join('|', collections.Select(c => c.Key)))[..8];
        var etag = $"W/\"{document.Info.ContentHash[..Math.Min(16, document.Info.ContentHash.Length)]}-{ResourceKey.For(urls.Base + Revision)[..8]}{memberOf}{(proxyImages ? "-p" : string.Empty)}\"";
        var maxAge = services.Api.Value.CacheMaxAge;
        if (IiifJsonResult.Matches(request.IfNoneMatch, etag))
        {
            return IiifJsonResult.NotModified(etag, maxAge);
        }

        ReadOnlyMemory<byte> body;
        bool isV3;
        string? laterContext = null;
        try
        {
            (var copy, isV3, laterContext) = ManifestRewriter.Copy(document.Body.Span, urls, key, collections);
            body = copy;
            if (proxyImages && ImageServiceRewriter.Rewrite(body.Span, urls.Base + services.Images.Value.RoutePrefix) is { } proxied)
            {
                body = proxied;
            }
        }
        catch (JsonException ex)
        {
            // The store keeps what was fetched; if it cannot take our services, serve it as it is.
            Log.ServiceInjectionSkipped(services.Loggers.CreateLogger(typeof(ManifestEndpoints)), key, ex);
            isV3 = false;
            body = document.Body;
        }

        var contentType = isV3
            ? MediaTypes.JsonLdUnlessJson(request.Accept, laterContext ?? MediaTypes.Presentation3Context)
            : MediaTypes.Negotiated(request.Accept, MediaTypes.Presentation2Context);
        return new IiifJsonResult(200, contentType, body) { ETag = etag, MaxAge = maxAge, VaryOnAccept = true };
    }
}

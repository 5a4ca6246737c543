using System.Globalization;
using IiifHarvester.Images;
using IiifHarvester.Images.Caching;
using IiifHarvester.Images.Info;
using IiifHarvester.Images.Registry;
using IiifHarvester.Images.Requests;
using IiifHarvester.Images.Serving;
using IiifHarvester.Images.Upstream;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace IiifHarvester.Web.Images;

/// <summary>
/// The Image API handlers over the <see cref="ImageProxy"/> engine: base URI redirect, info.json and image requests
/// (CORS and its preflights are the edge's). Each answers in the version
/// its route names (<c>{prefix}/2/{key}</c> 2.1, <c>{prefix}/3/{key}</c> 3.0) or, under <c>{prefix}/{key}</c>, in the
/// upstream's own version (a null version).
/// </summary>
internal static class ImageEndpoints
{
    private const string Ld3 = "application/ld+json;profile=\"http://iiif.io/api/image/3/context.json\"";

    /// <summary>
    /// Every image response is an image or JSON, never a document: no sniffing it into one, and no script, style,
    /// frame or plugin should a browser open it directly.
    /// </summary>
    private const string ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; sandbox";

    /// <summary><c>GET {prefix}/{key}</c>: 303 to info.json (3.0 §2.1, baseUriRedirect), or 404 for a key no harvested document names.</summary>
    public static async Task<Results<ImageSeeOther, ImageApiError>> BaseAsync(ImageBaseRequest request, ImageEndpointServices services, ImageApiVersion? version, CancellationToken cancellationToken)
    {
        if (await services.Registry.FindAsync(request.Key, cancellationToken) is null)
        {
            return new ImageApiError(404, "No harvested document names this image.");
        }

        return new ImageSeeOther(PublicUrls.Image(request.Urls.Base, services.RoutePrefixOf(version), request.Key) + "/info.json");
    }

    /// <summary><c>GET {prefix}/{key}/info.json</c>.</summary>
    public static async Task InfoAsync(HttpContext context, ImageEndpointServices services, ImageApiVersion? version)
    {
        var (registry, proxy, options, _) = services;
        var key = (string)context.Request.RouteValues["key"]!;
        var response = context.Response;
        AddCommonHeaders(response);
        try
        {
            var entry = await registry.FindAsync(key, context.RequestAborted);
            if (entry is null)
            {
                await WriteErrorAsync(context, 404, "No harvested document names this image.");
                return;
            }

            var (state, cacheStatus) = await proxy.GetInfoWithStatusAsync(entry, context.RequestAborted);
            var served = version ?? state.Info.Version;
            var caps = state.CapabilitiesFor(served);
            var publicId = PublicId(context, services, key, version);
            response.Headers.Vary = "Accept";
            response.Headers.Link = state.ProfileLink(served);
            response.ContentType = NegotiateInfoType(context.Request.Headers.Accept.ToString(), served);
            if (ImageProxy.IsPassthrough(entry, state))
            {
                SetCacheStatus(response, CacheStatusValues.Bypass);
                await WriteInfoPassthroughAsync(context, proxy, entry, publicId, caps);
                return;
            }

            var rewritten = state.RewriteFor(publicId, served);
            var (age, cacheControl) = proxy.FreshnessHeaders(state.Resource);
            SetCacheStatus(response, cacheStatus);
            response.Headers.Age = age;
            response.Headers.ETag = rewritten.ETag;
            response.Headers.LastModified = state.Resource.LastModified.ToString("R", CultureInfo.InvariantCulture);
            response.Headers.CacheControl = cacheControl;
            if (IsNotModified(context.Request, rewritten.ETag, state.Resource.LastModified))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                response.ContentType = null;
                return;
            }

            response.ContentLength = rewritten.Body.Length;
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await response.Body.WriteAsync(rewritten.Body, context.RequestAborted);
            }
        }
        catch (ImageProxyException ex)
        {
            await WriteErrorAsync(context, ex.StatusCode, ex.Message, ex.CacheStatus);
        }
        catch (ImageRequestException ex)
        {
            await WriteErrorAsync(context, ex.StatusCode, ex.Message);
        }
    }

    /// <summary><c>GET {prefix}/{key}/{region}/{size}/{rotation}/{quality}.{format}</c>.</summary>
    public static async Task ImageAsync(HttpContext context, ImageEndpointServices services, ImageApiVersion? version)
    {
        var (registry, proxy, options, _) = services;
        var values = context.Request.RouteValues;
        var key = (string)values["key"]!;
        var response = context.Response;
        AddCommonHeaders(response);
        try
        {
            var entry = await registry.FindAsync(key, context.RequestAborted);
            if (entry is null)
            {
                await WriteErrorAsync(context, 404, "No harvested document names this image.");
                return;
            }

            var state = proxy.TryGetFreshInfo(entry) ?? await proxy.GetInfoAsync(entry, context.RequestAborted);
            var served = version ?? state.Info.Version;
            var resolved = state.Resolve(served, (string)values["region"]!, (string)values["size"]!, (string)values["rotation"]!, (string)values["file"]!);
            var publicId = PublicId(context, services, key, version);
            response.Headers.Link = string.Concat(state.ProfileLink(served), ", <", publicId, "/", resolved.CanonicalPath, ">;rel=\"canonical\"");
            if (proxy.TryGetFreshImage(entry, state, resolved, out var fresh, out var freshBody))
            {
                // The hit fast path: a lookup and one write (from memory, or the file when it is too big for memory).
                if (freshBody is not null)
                {
                    await WriteCachedAsync(context, proxy, fresh, freshBody, CacheStatusValues.Hit);
                    return;
                }

                if (await TryWriteCachedAsync(context, proxy, fresh, options, CacheStatusValues.Hit))
                {
                    return;
                }

                // Evicted between lookup and open: the slow path below fetches it again.
                proxy.Forget(fresh);
            }

            var credentials = ImageProxy.IsPassthrough(entry, state) ? Credentials(context.Request) : null;
            var outcome = await proxy.GetImageAsync(entry, state, resolved, credentials, context.RequestAborted);
            if (outcome.Passthrough is { } passthrough)
            {
                SetCacheStatus(response, outcome.CacheStatus);
                // A success was checked to be the format asked for; an error body (a degraded image) passes only as that
                // format, else as plain text, never as the upstream's claimed type.
                var asked = MediaTypes.ForFormat(resolved.Format);
                var sniffed = ImageFormats.Sniff(passthrough.Body);
                await WritePassthroughAsync(context, passthrough, passthrough.IsSuccess || (sniffed is not null && MediaTypes.ForFormat(sniffed) == asked) ? asked : PlainText);
                return;
            }

            if (outcome.Body is { } inMemory)
            {
                await WriteCachedAsync(context, proxy, outcome.Resource!, inMemory, outcome.CacheStatus);
                return;
            }

            if (!await TryWriteCachedAsync(context, proxy, outcome.Resource!, options, outcome.CacheStatus))
            {
                // The file was evicted between lookup and open: fetch again, once.
                proxy.Forget(outcome.Resource!);
                outcome = await proxy.GetImageAsync(entry, state, resolved, null, context.RequestAborted);
                if (!await TryWriteCachedAsync(context, proxy, outcome.Resource!, options, outcome.CacheStatus))
                {
                    await WriteErrorAsync(context, 503, "The image cache is under pressure; try again.");
                }
            }
        }
        catch (ImageRequestException ex)
        {
            await WriteErrorAsync(context, ex.StatusCode, ex.Message);
        }
        catch (ImageProxyException ex)
        {
            await WriteErrorAsync(context, ex.StatusCode, ex.Message, ex.CacheStatus);
        }
    }

    /// <summary>Content negotiation for info.json (3.0 §5.1; 2.1 §5.1).</summary>
    public static string NegotiateInfoType(string accept, ImageApiVersion version)
    {
        var wantsLd = accept.Contains("application/ld+json", StringComparison.OrdinalIgnoreCase);
        if (version == ImageApiVersion.V2)
        {
            // 2.1: JSON unless the client explicitly asks for JSON-LD.
            return wantsLd ? "application/ld+json" : "application/json";
        }

        // 3.0: JSON-LD with the context as profile by default; plain JSON when that (and not JSON-LD) is asked for.
        var wantsJson = accept.Contains("application/json", StringComparison.OrdinalIgnoreCase);
        return wantsJson && !wantsLd ? "application/json" : Ld3;
    }

    private const string CacheStatusHeader = "Cache-Status";

    /// <summary>The media type of error bodies and of upstream answers that are neither image nor JSON.</summary>
    internal const string PlainText = "text/plain; charset=utf-8";

    private static string PublicId(HttpContext context, ImageEndpointServices services, string key, ImageApiVersion? version)
        => PublicUrls.Image(PublicUrls.BaseOf(context, services.Web), services.RoutePrefixOf(version), key);

    /// <summary>The route segment of a version: <c>/2</c>, <c>/3</c>, or none for the upstream's own.</summary>
    public static string VersionSegment(ImageApiVersion? version) => version switch
    {
        ImageApiVersion.V2 => "/2",
        ImageApiVersion.V3 => "/3",
        _ => string.Empty,
    };

    internal static void AddCommonHeaders(HttpResponse response)
    {
        var headers = response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
    }

    /// <summary>Sets the answer's <c>Cache-Status</c> and counts the answer by it (<c>iiifharvester.images.requests</c>).</summary>
    internal static void SetCacheStatus(HttpResponse response, string cacheStatus)
    {
        response.Headers[CacheStatusHeader] = cacheStatus;
        ImagesTelemetry.Answered(cacheStatus, info: response.HttpContext.Request.Path.Value?.EndsWith("/info.json", StringComparison.Ordinal) == true);
    }

    private static void SetCacheHeaders(HttpResponse response, ImageProxy proxy, CachedResource resource, string cacheStatus)
    {
        var (age, cacheControl) = proxy.FreshnessHeaders(resource);
        var headers = response.Headers;
        SetCacheStatus(response, cacheStatus);
        headers.Age = age;
        headers.ETag = resource.ETag;
        headers.LastModified = resource.LastModifiedHttp;
        headers.CacheControl = cacheControl;
    }

    private static async Task WriteCachedAsync(HttpContext context, ImageProxy proxy, CachedResource resource, byte[] body, string cacheStatus)
    {
        var response = context.Response;
        response.ContentType = resource.ContentType;
        SetCacheHeaders(response, proxy, resource, cacheStatus);
        if (IsNotModified(context.Request, resource.ETag, resource.LastModified))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            response.ContentType = null;
            return;
        }

        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    private static async Task<bool> TryWriteCachedAsync(HttpContext context, ImageProxy proxy, CachedResource resource, ImagesOptions options, string cacheStatus)
    {
        if (resource.Length <= options.MemoryCacheMaxEntryBytes)
        {
            // Small: read whole, keep it in the memory tier for the next hit.
            byte[] body;
            try
            {
                body = await File.ReadAllBytesAsync(resource.BodyPath, context.RequestAborted);
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                return false;
            }

            proxy.KeepInMemory(resource, body);
            await WriteCachedAsync(context, proxy, resource, body, cacheStatus);
            return true;
        }

        FileStream file;
        try
        {
            file = new FileStream(resource.BodyPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (FileNotFoundException)
        {
            return false;
        }
        catch (DirectoryNotFoundException)
        {
            return false;
        }

        await using (file)
        {
            var response = context.Response;
            response.ContentType = resource.ContentType;
            SetCacheHeaders(response, proxy, resource, cacheStatus);
            if (IsNotModified(context.Request, resource.ETag, resource.LastModified))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                response.ContentType = null;
                return true;
            }

            response.ContentLength = file.Length;
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await file.CopyToAsync(response.Body, 81920, context.RequestAborted);
            }

            return true;
        }
    }

    /// <summary>Writes an uncached IIIF Auth answer as <paramref name="contentType"/>.</summary>
    private static async Task WritePassthroughAsync(HttpContext context, UpstreamResponse passthrough, string contentType)
    {
        var response = context.Response;
        response.StatusCode = passthrough.StatusCode is >= 500 ? 502 : passthrough.StatusCode;
        response.Headers.CacheControl = "private, no-store";
        response.ContentType = contentType;
        response.ContentLength = passthrough.Body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(passthrough.Body, context.RequestAborted);
        }
    }

    private static async Task WriteInfoPassthroughAsync(HttpContext context, ImageProxy proxy, ImageServiceEntry entry, string publicId, ImageCapabilities caps)
    {
        var upstream = await proxy.GetInfoPassthroughAsync(entry, Credentials(context.Request), context.RequestAborted);
        // Only a document we could read and rewrite goes out as JSON; anything else the upstream sent is plain text.
        var contentType = context.Response.ContentType!;
        byte[] body;
        try
        {
            body = upstream.IsSuccess || upstream.StatusCode is 401 or 403 ? ImageInfoRewriter.Rewrite(upstream.Body, publicId, caps) : upstream.Body;
            contentType = ReferenceEquals(body, upstream.Body) ? PlainText : contentType;
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException)
        {
            body = upstream.Body;
            contentType = PlainText;
        }

        await WritePassthroughAsync(context, upstream with { Body = body }, contentType);
    }

    private static List<KeyValuePair<string, string>> Credentials(HttpRequest request)
    {
        var list = new List<KeyValuePair<string, string>>(2);
        if (request.Headers.Authorization.ToString() is { Length: > 0 } authorization)
        {
            list.Add(new(HeaderNames.Authorization, authorization));
        }

        if (request.Headers.Cookie.ToString() is { Length: > 0 } cookie)
        {
            list.Add(new(HeaderNames.Cookie, cookie));
        }

        return list;
    }

    private static bool IsNotModified(HttpRequest request, string etag, DateTimeOffset lastModified)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch.ToString();
        if (ifNoneMatch.Length > 0)
        {
            // RFC 9110 §13.1.2: weak comparison; If-Modified-Since is ignored when If-None-Match is present.
            foreach (var candidate in ifNoneMatch.Split(','))
            {
                var tag = candidate.Trim();
                if (tag == "*" || (tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag) == etag)
                {
                    return true;
                }
            }

            return false;
        }

        var ifModifiedSince = request.Headers.IfModifiedSince.ToString();
        return ifModifiedSince.Length > 0
            && DateTimeOffset.TryParse(ifModifiedSince, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since)
            && lastModified <= since;
    }

    private static Task WriteErrorAsync(HttpContext context, int status, string message, string cacheStatus = CacheStatusValues.Refused) =>
        new ImageApiError(status, message, cacheStatus).ExecuteAsync(context);
}

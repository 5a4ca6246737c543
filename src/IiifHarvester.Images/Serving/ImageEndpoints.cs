using System.Globalization;
using System.Text;
using IiifHarvester.Images.Caching;
using IiifHarvester.Images.Info;
using IiifHarvester.Images.Registry;
using IiifHarvester.Images.Requests;
using IiifHarvester.Images.Upstream;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace IiifHarvester.Images.Serving;

/// <summary>The Image API handlers: base URI redirect, info.json, image requests and CORS preflight.</summary>
internal static class ImageEndpoints
{
    private const string Ld3 = "application/ld+json;profile=\"http://iiif.io/api/image/3/context.json\"";

    /// <summary><c>GET {prefix}/{key}</c>: 303 to info.json (3.0 §2.1, baseUriRedirect).</summary>
    public static async Task BaseAsync(HttpContext context)
    {
        var (registry, _, options) = Services(context);
        var key = (string)context.Request.RouteValues["key"]!;
        AddCors(context.Response);
        if (await registry.FindAsync(key, context.RequestAborted) is null)
        {
            await WriteErrorAsync(context, 404, "No harvested document names this image.");
            return;
        }

        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = PublicId(context, options, key) + "/info.json";
    }

    /// <summary><c>OPTIONS</c>: the CORS preflight.</summary>
    public static Task PreflightAsync(HttpContext context)
    {
        AddCors(context.Response);
        context.Response.Headers.AccessControlAllowMethods = "GET, HEAD, OPTIONS";
        var requested = context.Request.Headers.AccessControlRequestHeaders.ToString();
        context.Response.Headers.AccessControlAllowHeaders = requested.Length > 0 ? requested : "*";
        context.Response.Headers.AccessControlMaxAge = "86400";
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    /// <summary><c>GET {prefix}/{key}/info.json</c>.</summary>
    public static async Task InfoAsync(HttpContext context)
    {
        var (registry, proxy, options) = Services(context);
        var key = (string)context.Request.RouteValues["key"]!;
        var response = context.Response;
        AddCors(response);
        try
        {
            var entry = await registry.FindAsync(key, context.RequestAborted);
            if (entry is null)
            {
                await WriteErrorAsync(context, 404, "No harvested document names this image.");
                return;
            }

            var state = await proxy.GetInfoAsync(entry, context.RequestAborted);
            var caps = state.Capabilities;
            var publicId = PublicId(context, options, key);
            response.Headers.Vary = "Accept";
            response.Headers.Link = $"<{ImageInfoRewriter.ProfileUri(caps)}>;rel=\"profile\"";
            response.ContentType = NegotiateInfoType(context.Request.Headers.Accept.ToString(), caps.Version);
            if (ImageProxy.IsPassthrough(entry, state))
            {
                await WriteInfoPassthroughAsync(context, proxy, entry, publicId, caps);
                return;
            }

            var rewritten = state.RewriteFor(publicId);
            response.Headers.ETag = rewritten.ETag;
            response.Headers.LastModified = state.Resource.LastModified.ToString("R", CultureInfo.InvariantCulture);
            response.Headers.CacheControl = CacheControl(options);
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
            await WriteErrorAsync(context, ex.StatusCode, ex.Message);
        }
        catch (ImageRequestException ex)
        {
            await WriteErrorAsync(context, ex.StatusCode, ex.Message);
        }
    }

    /// <summary><c>GET {prefix}/{key}/{region}/{size}/{rotation}/{quality}.{format}</c>.</summary>
    public static async Task ImageAsync(HttpContext context)
    {
        var (registry, proxy, options) = Services(context);
        var values = context.Request.RouteValues;
        var key = (string)values["key"]!;
        var response = context.Response;
        AddCors(response);
        try
        {
            var entry = await registry.FindAsync(key, context.RequestAborted);
            if (entry is null)
            {
                await WriteErrorAsync(context, 404, "No harvested document names this image.");
                return;
            }

            var state = await proxy.GetInfoAsync(entry, context.RequestAborted);
            var caps = state.Capabilities;
            var parsed = ImageRequestParser.Parse(caps.Version, (string)values["region"]!, (string)values["size"]!, (string)values["rotation"]!, (string)values["file"]!);
            var resolved = ImageRequestResolver.Resolve(parsed, caps);
            var credentials = ImageProxy.IsPassthrough(entry, state) ? Credentials(context.Request) : null;
            var outcome = await proxy.GetImageAsync(entry, state, resolved, credentials, context.RequestAborted);
            var publicId = PublicId(context, options, key);
            response.Headers.Link = $"<{ImageInfoRewriter.ProfileUri(caps)}>;rel=\"profile\", <{publicId}/{resolved.CanonicalPath}>;rel=\"canonical\"";
            if (outcome.Passthrough is { } passthrough)
            {
                await WritePassthroughAsync(context, passthrough);
                return;
            }

            if (!await TryWriteCachedAsync(context, outcome.Resource!, options))
            {
                // The file was evicted between lookup and open: fetch again, once.
                proxy.Forget(outcome.Resource!);
                outcome = await proxy.GetImageAsync(entry, state, resolved, null, context.RequestAborted);
                if (!await TryWriteCachedAsync(context, outcome.Resource!, options))
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
            await WriteErrorAsync(context, ex.StatusCode, ex.Message);
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

    private static (IImageServiceRegistry Registry, ImageProxy Proxy, ImagesOptions Options) Services(HttpContext context)
    {
        var services = context.RequestServices;
        return (services.GetRequiredService<IImageServiceRegistry>(), services.GetRequiredService<ImageProxy>(), services.GetRequiredService<IOptions<ImagesOptions>>().Value);
    }

    private static string PublicId(HttpContext context, ImagesOptions options, string key)
        => PublicUrl.BaseFor(context.Request, options) + options.RoutePrefix + "/" + key;

    private static string CacheControl(ImagesOptions options)
        => "public, max-age=" + ((long)options.Freshness.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    private static void AddCors(HttpResponse response) => response.Headers.AccessControlAllowOrigin = "*";

    private static async Task<bool> TryWriteCachedAsync(HttpContext context, CachedResource resource, ImagesOptions options)
    {
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
            response.Headers.ETag = resource.ETag;
            response.Headers.LastModified = resource.LastModified.ToString("R", CultureInfo.InvariantCulture);
            response.Headers.CacheControl = CacheControl(options);
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

    private static async Task WritePassthroughAsync(HttpContext context, UpstreamResponse passthrough)
    {
        var response = context.Response;
        response.StatusCode = passthrough.StatusCode is >= 500 ? 502 : passthrough.StatusCode;
        response.Headers.CacheControl = "private, no-store";
        response.ContentType = passthrough.ContentType ?? "application/octet-stream";
        response.ContentLength = passthrough.Body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(passthrough.Body, context.RequestAborted);
        }
    }

    private static async Task WriteInfoPassthroughAsync(HttpContext context, ImageProxy proxy, ImageServiceEntry entry, string publicId, ImageCapabilities caps)
    {
        var upstream = await proxy.GetInfoPassthroughAsync(entry, Credentials(context.Request), context.RequestAborted);
        byte[] body;
        try
        {
            body = upstream.IsSuccess || upstream.StatusCode is 401 or 403 ? ImageInfoRewriter.Rewrite(upstream.Body, publicId, caps) : upstream.Body;
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException)
        {
            body = upstream.Body;
        }

        await WritePassthroughAsync(context, upstream with { Body = body, ContentType = context.Response.ContentType });
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

    private static async Task WriteErrorAsync(HttpContext context, int status, string message)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            return;
        }

        response.Headers.Remove(HeaderNames.Link);
        response.Headers.Remove(HeaderNames.ETag);
        response.Headers.Remove(HeaderNames.LastModified);
        response.StatusCode = status;
        response.ContentType = "text/plain; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.WriteAsync(message + "\n", Encoding.UTF8, context.RequestAborted);
        }
    }
}

using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using IiifHarvester.Iiif.Identity;

namespace IiifHarvester.Web.Manifests;

/// <summary>
/// Sends viewers to our image proxy (a source's <c>ProxyImages</c>): in a re-served manifest every IIIF Image API
/// service gets our id <c>{base}{prefix}/{key}</c>, which answers in the service's own version and syntax, so its type,
/// profile and everything else stay true; every image URL under such a service (painting bodies, thumbnails, a v2
/// image resource; not canvases or annotations named under it) is moved under our id with the same parameters, in the version its syntax is written in (a
/// 2.x-only <c>full</c> size goes to <c>{prefix}/2/{key}</c>, a 3.0-only <c>^</c> size to <c>{prefix}/3/{key}</c>:
/// institutions do publish 3.0 services with 2.x image URLs). The institution's service stays discoverable:
/// <c>/api/resources?uri=</c> maps it to the proxy and back.
/// </summary>
internal static class ImageServiceRewriter
{
    private static readonly JsonSerializerOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The document with its image services proxied, or <see langword="null"/> when it names none.</summary>
    /// <param name="json">The manifest or collection as re-served.</param>
    /// <param name="proxyBase">Our image endpoint, <c>{base}{prefix}</c>, without a trailing slash.</param>
    public static byte[]? Rewrite(ReadOnlySpan<byte> json, string proxyBase)
    {
        if (JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 }) is not JsonObject root)
        {
            return null;
        }

        // First the services (their ids), then every id under one of them.
        var services = new Dictionary<string, string>(StringComparer.Ordinal);
        CollectServices(root, proxyBase, services);
        if (services.Count == 0)
        {
            return null;
        }

        var prefixes = services.Keys.OrderByDescending(k => k.Length).ToArray();
        RewriteIds(root, services, prefixes, proxyBase);
        return JsonSerializer.SerializeToUtf8Bytes(root, Writer);
    }

    /// <summary>Whether an object is an Image API service (any version), by its type, context or profile.</summary>
    public static bool IsImageService(JsonObject node)
    {
        var type = Text(node["type"]) ?? Text(node["@type"]);
        if (type is "ImageService1" or "ImageService2" or "ImageService3")
        {
            return true;
        }

        if (type is not null && !type.Contains("ImageService", StringComparison.Ordinal))
        {
            return false;
        }

        // Image API 1.1 services may name their level by dcterms:conformsTo alone (manifesto reads it as the profile).
        return Mentions(node["@context"]) || Mentions(node["profile"]) || Mentions(node["dcterms:conformsTo"]);

        static bool Mentions(JsonNode? value) => value switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s.Contains("iiif.io/api/image/", StringComparison.Ordinal)
                || s.Contains("library.stanford.edu/iiif/image-api", StringComparison.Ordinal),
            JsonArray a => a.Any(Mentions),
            _ => false,
        };
    }

    private static void CollectServices(JsonNode? node, string proxyBase, Dictionary<string, string> services)
    {
        switch (node)
        {
            case JsonObject o:
                if (IsImageService(o))
                {
                    var name = o.ContainsKey("id") ? "id" : "@id";
                    if (Text(o[name]) is { } id && Uri.TryCreate(id, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
                    {
                        var normalized = ResourceKey.NormalizeImageServiceId(id);
                        var ours = proxyBase + "/" + ResourceKey.ForImageService(id);
                        services[WithoutDefaultPort(normalized)] = ours;
                        o[name] = ours;
                    }
                }

                foreach (var (_, child) in o)
                {
                    CollectServices(child, proxyBase, services);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    CollectServices(child, proxyBase, services);
                }

                break;
        }
    }

    private static void RewriteIds(JsonNode? node, Dictionary<string, string> services, string[] prefixes, string proxyBase)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var name in new[] { "id", "@id" })
                {
                    if (Text(o[name]) is { } id && WithoutDefaultPort(id) is var spelled && Under(spelled, prefixes) is { } prefix
                        && IsImageUrl(o, spelled[prefix.Length..]))
                    {
                        o[name] = Proxied(services[prefix], spelled[prefix.Length..], proxyBase);
                    }
                }

                foreach (var (_, child) in o)
                {
                    RewriteIds(child, services, prefixes, proxyBase);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    RewriteIds(child, services, prefixes, proxyBase);
                }

                break;
        }
    }

    /// <summary>Our URL for <c>{service}{rest}</c>: the service's own version unless the size is one version's only.</summary>
    private static string Proxied(string ours, string rest, string proxyBase)
    {
        var segments = rest.Split('/');
        var version = segments.Length == 5 ? segments[2] switch
        {
            "full" => "/2",
            ['^', ..] => "/3",
            _ => null,
        } : null;
        return version is null ? ours + rest : proxyBase + version + ours[proxyBase.Length..] + rest;
    }

    /// <summary>
    /// The service <paramref name="id"/> lies under, or is: an image whose id is its service's own (published so by
    /// some, as a service base a viewer may fetch) is ours as the service is.
    /// </summary>
    private static string? Under(string id, string[] prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (id.StartsWith(prefix, StringComparison.Ordinal) && (id.Length == prefix.Length || id[prefix.Length] == '/'))
            {
                return prefix;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether the object whose id is <c>{service}{rest}</c> is an image of the service: an image request
    /// (<c>/{region}/{size}/{rotation}/{quality}.{format}</c>), or an image (not a canvas, annotation or manifest) whose
    /// id is the service's own. Institutions also name their canvases, annotations, pages and downloads under, or as,
    /// their image service's id; those keep their ids (annotations target canvases by them).
    /// </summary>
    private static bool IsImageUrl(JsonObject o, string rest)
    {
        if (rest is "" or "/info.json")
        {
            var type = Text(o["type"]) ?? Text(o["@type"]);
            return type is null || type.Contains("Image", StringComparison.Ordinal);
        }

        // A download named under the service (/download/pdf/{id}/{part}.pdf) has the same number of segments.
        return rest.Split('/') is ["", _, _, var rotation, var file]
            && double.TryParse(rotation.TrimStart('!'), NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            && file.Contains('.', StringComparison.Ordinal);
    }

    /// <summary>
    /// <paramref name="url"/> without an explicit default port (<c>https://host:443/x</c> is <c>https://host/x</c>): some
    /// publish their image URLs so and their services not.
    /// </summary>
    private static string WithoutDefaultPort(string url)
    {
        var port = url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? ":443"
            : url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? ":80"
            : null;
        if (port is null)
        {
            return url;
        }

        var start = url.IndexOf("://", StringComparison.Ordinal) + 3;
        var end = url.IndexOf('/', start) is >= 0 and var slash ? slash : url.Length;
        return url.AsSpan(start, end - start).EndsWith(port, StringComparison.Ordinal) ? url.Remove(end - port.Length, port.Length) : url;
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}

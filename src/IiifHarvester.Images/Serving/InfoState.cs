using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using IiifHarvester.Images.Caching;
using IiifHarvester.Images.Info;
using IiifHarvester.Images.Requests;

namespace IiifHarvester.Images.Serving;

/// <summary>A cached info.json, parsed, with what we serve for the image and its rewritten forms per public id.</summary>
internal sealed class InfoState(string serviceKey, CachedResource resource, byte[] body, ImageInfo info, ImageCapabilities capabilities)
{
    private const int MaxMemoizedRequests = 4096;
    private readonly ConcurrentDictionary<string, RewrittenInfo> _rewritten = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ResolvedImageRequest> _resolved = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<ResolvedImageRequest, string> _cacheKeys = [];

    public CachedResource Resource { get; } = resource;

    public ImageInfo Info { get; } = info;

    public ImageCapabilities Capabilities { get; } = capabilities;

    /// <summary>The <c>Link: &lt;level&gt;;rel="profile"</c> header value (profileLinkHeader).</summary>
    public string ProfileLink { get; } = $"<{ImageInfoRewriter.ProfileUri(capabilities)}>;rel=\"profile\"";

    /// <summary>
    /// Parses and resolves <c>{region}/{size}/{rotation}/{file}</c>, memoized: viewers ask the same tile URLs again and
    /// again, and a hit should cost a lookup, not a parse. Refused requests throw and are not memoized.
    /// </summary>
    public ResolvedImageRequest Resolve(string region, string size, string rotation, string file)
    {
        var path = string.Concat(region, "/", size, "/", rotation, "/" + file);
        if (_resolved.TryGetValue(path, out var resolved))
        {
            return resolved;
        }

        resolved = ImageRequestResolver.Resolve(ImageRequestParser.Parse(Capabilities.Version, region, size, rotation, file), Capabilities);
        _ = resolved.CanonicalPath;
        if (_resolved.Count < MaxMemoizedRequests)
        {
            _resolved[path] = resolved;
        }

        return resolved;
    }

    /// <summary>The cache key of a resolved request: <c>{service key}/{canonical path}</c> (memoized with the request).</summary>
    public string CacheKeyOf(ResolvedImageRequest request)
        => _cacheKeys.GetValue(request, r => serviceKey + "/" + r.CanonicalPath);

    /// <summary>The document as clients of <paramref name="publicId"/> see it (memoized; a few public hosts at most).</summary>
    public RewrittenInfo RewriteFor(string publicId)
    {
        if (_rewritten.TryGetValue(publicId, out var cached))
        {
            return cached;
        }

        var bytes = ImageInfoRewriter.Rewrite(body, publicId, Capabilities);
        var rewritten = new RewrittenInfo(bytes, "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 12)) + "\"");
        if (_rewritten.Count < 16)
        {
            _rewritten[publicId] = rewritten;
        }

        return rewritten;
    }
}

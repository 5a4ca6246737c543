using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using IiifHarvester.Images.Caching;
using IiifHarvester.Images.Info;
using IiifHarvester.Images.Requests;

namespace IiifHarvester.Images.Serving;

/// <summary>
/// A cached info.json, parsed, with what we serve for the image in each Image API version and its rewritten forms per
/// public id.
/// </summary>
internal sealed class InfoState
{
    private const int MaxMemoizedRequests = 4096;
    private readonly string _serviceKey;
    private readonly byte[] _body;
    private readonly ImageCapabilities _v2;
    private readonly ImageCapabilities _v3;
    private readonly ConcurrentDictionary<string, RewrittenInfo> _rewritten = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ResolvedImageRequest> _resolved = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<ResolvedImageRequest, string> _cacheKeys = [];

    public InfoState(string serviceKey, CachedResource resource, byte[] body, ImageInfo info, ImagesOptions options)
    {
        _serviceKey = serviceKey;
        _body = body;
        Resource = resource;
        Info = info;
        _v2 = ImageCapabilitiesBuilder.Build(info, ImageApiVersion.V2, options.UpgradeLevel0, options.MaxComposedArea);
        _v3 = ImageCapabilitiesBuilder.Build(info, ImageApiVersion.V3, options.UpgradeLevel0, options.MaxComposedArea);
        ProfileLink2 = $"<{ImageInfoRewriter.ProfileUri(_v2)}>;rel=\"profile\"";
        ProfileLink3 = $"<{ImageInfoRewriter.ProfileUri(_v3)}>;rel=\"profile\"";
    }

    public CachedResource Resource { get; }

    public ImageInfo Info { get; }

    /// <summary>What we serve in the upstream's own version.</summary>
    public ImageCapabilities Capabilities => CapabilitiesFor(Info.Version);

    /// <summary>The <c>Link: &lt;level&gt;;rel="profile"</c> header value (profileLinkHeader) for 2.x clients.</summary>
    public string ProfileLink2 { get; }

    /// <summary>The same for 3.0 clients.</summary>
    public string ProfileLink3 { get; }

    /// <summary>What we serve in <paramref name="version"/>.</summary>
    public ImageCapabilities CapabilitiesFor(ImageApiVersion version) => version == ImageApiVersion.V3 ? _v3 : _v2;

    /// <summary>The profile link header for <paramref name="version"/>.</summary>
    public string ProfileLink(ImageApiVersion version) => version == ImageApiVersion.V3 ? ProfileLink3 : ProfileLink2;

    /// <summary>
    /// Parses and resolves <c>{region}/{size}/{rotation}/{file}</c> in <paramref name="version"/>'s syntax, memoized:
    /// viewers ask the same tile URLs again and again, and a hit should cost a lookup, not a parse. Refused requests
    /// throw and are not memoized.
    /// </summary>
    public ResolvedImageRequest Resolve(ImageApiVersion version, string region, string size, string rotation, string file)
    {
        var path = string.Concat(version == ImageApiVersion.V3 ? "3/" : "2/", region, "/", size, "/", rotation + "/" + file);
        if (_resolved.TryGetValue(path, out var resolved))
        {
            return resolved;
        }

        var caps = CapabilitiesFor(version);
        resolved = ImageRequestResolver.Resolve(ImageRequestParser.Parse(version, region, size, rotation, file), caps);
        _ = resolved.CanonicalPath;
        _ = CacheKeyOf(resolved);
        if (_resolved.Count < MaxMemoizedRequests)
        {
            _resolved[path] = resolved;
        }

        return resolved;
    }

    /// <summary>
    /// The cache key of a resolved request: <c>{service key}/{canonical path in the upstream's version}</c>, one entry
    /// for clients of either version (memoized with the request).
    /// </summary>
    public string CacheKeyOf(ResolvedImageRequest request)
        => _cacheKeys.GetValue(request, r => _serviceKey + "/" + UpstreamRequestOf(r).CanonicalPath);

    /// <summary>The request in the upstream's syntax (what is forwarded when the upstream can answer it itself).</summary>
    public ResolvedImageRequest UpstreamRequestOf(ResolvedImageRequest request)
        => request.ForUpstream(CapabilitiesFor(request.Version).Own);

    /// <summary>
    /// A path we built in the upstream's syntax (a request's canonical path, a tile, a piece) as the upstream takes it:
    /// with 1.x quality names, and the whole image's region as <c>full</c>, when it speaks only 1.x. Cache keys keep the
    /// 2.x form.
    /// </summary>
    public string UpstreamPathOf(string path) => Info.Version1 ? Version1Paths.FromVersion2(path, Info.Width, Info.Height) : path;

    /// <summary>The document as clients of <paramref name="publicId"/> in <paramref name="version"/> see it (memoized).</summary>
    public RewrittenInfo RewriteFor(string publicId, ImageApiVersion version)
    {
        var memoKey = (version == ImageApiVersion.V3 ? "3 " : "2 ") + publicId;
        if (_rewritten.TryGetValue(memoKey, out var cached))
        {
            return cached;
        }

        var bytes = ImageInfoRewriter.Rewrite(_body, publicId, CapabilitiesFor(version));
        var rewritten = new RewrittenInfo(bytes, "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 12)) + "\"");
        if (_rewritten.Count < 16)
        {
            _rewritten[memoKey] = rewritten;
        }

        return rewritten;
    }
}

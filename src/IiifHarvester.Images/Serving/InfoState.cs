using System.Collections.Concurrent;
using System.Security.Cryptography;
using IiifHarvester.Images.Caching;
using IiifHarvester.Images.Info;

namespace IiifHarvester.Images.Serving;

/// <summary>A cached info.json, parsed, with what we serve for the image and its rewritten forms per public id.</summary>
internal sealed class InfoState(CachedResource resource, byte[] body, ImageInfo info, ImageCapabilities capabilities)
{
    private readonly ConcurrentDictionary<string, RewrittenInfo> _rewritten = new(StringComparer.Ordinal);

    public CachedResource Resource { get; } = resource;

    public ImageInfo Info { get; } = info;

    public ImageCapabilities Capabilities { get; } = capabilities;

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

using IiifHarvester.Images.Registry;
using IiifHarvester.Images.Requests;
using IiifHarvester.Images.Serving;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IiifHarvester.Images.Warmup;

/// <summary>Warms the cache through the same path client requests take (so coalescing and limits apply).</summary>
internal sealed class ImageWarmer(IImageServiceRegistry registry, ImageProxy proxy, IOptions<ImagesOptions> options, ILogger<ImageWarmer> logger) : IImageWarmer
{
    public async Task<WarmResult> WarmAsync(string sourceKey, IReadOnlyCollection<string> sizes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        var opts = options.Value;
        int services = 0, requests = 0, cached = 0, fetched = 0, failed = 0;
        await foreach (var entry in registry.ListBySourceAsync(sourceKey, cancellationToken))
        {
            services++;
            requests++;
            InfoState info;
            try
            {
                info = await proxy.GetInfoAsync(entry, cancellationToken);
                fetched++;
            }
            catch (ImageProxyException ex)
            {
                failed++;
                Log.WarmFailed(logger, entry.UpstreamServiceId, ex.Message);
                continue;
            }

            if (ImageProxy.IsPassthrough(entry, info))
            {
                // Auth-protected images are never cached unless the source allows it.
                continue;
            }

            var targets = Targets(info, sizes, opts).ToList();
            await Parallel.ForEachAsync(
                targets,
                new ParallelOptions { MaxDegreeOfParallelism = opts.UpstreamParallelism, CancellationToken = cancellationToken },
                async (target, ct) =>
                {
                    Interlocked.Increment(ref requests);
                    try
                    {
                        var parsed = ImageRequestParser.Parse(info.Capabilities.Version, target.Region, target.Size, "0", "default.jpg");
                        var resolved = ImageRequestResolver.Resolve(parsed, info.Capabilities);
                        if (await proxy.WarmAsync(entry, info, resolved, ct))
                        {
                            Interlocked.Increment(ref cached);
                        }
                        else
                        {
                            Interlocked.Increment(ref fetched);
                        }
                    }
                    catch (Exception ex) when (ex is ImageProxyException or ImageRequestException)
                    {
                        Interlocked.Increment(ref failed);
                        Log.WarmFailed(logger, $"{entry.UpstreamServiceId}/{target.Region}/{target.Size}", ex.Message);
                    }
                });
        }

        var result = new WarmResult(services, requests, cached, fetched, failed);
        Log.Warmed(logger, sourceKey, result);
        return result;
    }

    private static IEnumerable<(string Region, string Size)> Targets(InfoState info, IReadOnlyCollection<string> sizes, ImagesOptions opts)
    {
        var caps = info.Capabilities;
        foreach (var token in sizes.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal))
        {
            switch (token)
            {
                case "thumbnail":
                    yield return ("full", $"!{opts.WarmThumbnailSize},{opts.WarmThumbnailSize}");
                    break;
                case "sizes":
                    foreach (var size in caps.Sizes)
                    {
                        yield return ("full", $"{size.Width},{size.Height}");
                    }

                    break;
                case "tiles":
                    var count = 0;
                    foreach (var tile in caps.Tiles)
                    {
                        foreach (var s in tile.ScaleFactors)
                        {
                            for (var y = 0; y < caps.Height; y += tile.Height * s)
                            {
                                for (var x = 0; x < caps.Width; x += tile.Width * s)
                                {
                                    if (++count > opts.WarmMaxTilesPerImage)
                                    {
                                        yield break;
                                    }

                                    var w = Math.Min(tile.Width * s, caps.Width - x);
                                    var h = Math.Min(tile.Height * s, caps.Height - y);
                                    yield return ($"{x},{y},{w},{h}", $"{(w + s - 1) / s},{(h + s - 1) / s}");
                                }
                            }
                        }
                    }

                    break;
                default:
                    yield return ("full", token);
                    break;
            }
        }

    }
}

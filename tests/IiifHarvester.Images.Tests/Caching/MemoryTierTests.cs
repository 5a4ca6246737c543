using IiifHarvester.Images.Caching;
using IiifHarvester.Images.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace IiifHarvester.Images.Tests.Caching;

/// <summary>The memory tier in front of the disk cache: hot small bodies answered without opening a file.</summary>
public sealed class MemoryTierTests
{
    [Fact]
    public async Task Image_RepeatedHits_AnsweredFromMemorySameBytesAsTheFile()
    {
        using var upstream = new FakeImageService();
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(upstream.ServiceId).Key;
        var url = $"/iiif/image/{key}/full/max/0/default.jpg";
        var first = await host.Client.GetOkAsync(url);
        var second = await host.Client.GetOkAsync(url);
        var third = await host.Client.GetOkAsync(url);

        Assert.Equal(upstream.ImageBody, first);
        Assert.Equal(first, second);
        Assert.Equal(first, third);
        Assert.Equal(2, host.Statistics.MemoryHits); // the second and third requests
        Assert.Equal(1, upstream.ImageRequests);
        var file = Assert.Single(Directory.EnumerateFiles(host.CacheDirectory, "*.bin", SearchOption.AllDirectories), f => new FileInfo(f).Length == first.Length);
        Assert.Equal(first, await File.ReadAllBytesAsync(file));
    }

    [Fact]
    public async Task Image_LargerThanTheMemoryEntryLimit_ServedFromTheFile()
    {
        var big = FakeImageService.JpegLike(64 * 1024);
        using var upstream = new FakeImageService(imageBody: big);
        await using var host = await ImageProxyHost.StartAsync(o => o.MemoryCacheMaxEntryBytes = 16 * 1024);
        var key = host.Register(upstream.ServiceId).Key;
        var url = $"/iiif/image/{key}/full/max/0/default.jpg";
        Assert.Equal(big, await host.Client.GetOkAsync(url));
        Assert.Equal(big, await host.Client.GetOkAsync(url));
        Assert.Equal(big, await host.Client.GetOkAsync(url));

        Assert.Equal(0, host.Statistics.MemoryHits);
        Assert.Equal(1, upstream.ImageRequests);
        Assert.True(host.Services.GetRequiredService<DiskImageCache>().MemoryBytes < big.Length);
    }

    [Fact]
    public async Task Image_MemoryTierFull_OthersServedFromDiskWithinTheCap()
    {
        var body = FakeImageService.JpegLike(40 * 1024);
        using var upstream = new FakeImageService(imageBody: body);
        await using var host = await ImageProxyHost.StartAsync(o => o.MemoryCacheBytes = 100 * 1024);
        var key = host.Register(upstream.ServiceId).Key;
        for (var w = 100; w <= 500; w += 100)
        {
            Assert.Equal(body, await host.Client.GetOkAsync($"/iiif/image/{key}/full/{w},/0/default.jpg"));
            Assert.Equal(body, await host.Client.GetOkAsync($"/iiif/image/{key}/full/{w},/0/default.jpg"));
        }

        var cache = host.Services.GetRequiredService<DiskImageCache>();
        Assert.InRange(cache.MemoryBytes, 1, 100 * 1024);
        Assert.Equal(5, upstream.ImageRequests);
    }

    [Fact]
    public async Task Cache_ConcurrentStoresKeepsAndRemoves_MemoryAccountingReturnsToZero()
    {
        var dir = Path.Combine(Path.GetTempPath(), "iiif-memtier-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            var options = Options.Create(new ImagesOptions { CacheDirectory = dir, MemoryCacheBytes = 64 * 1024, MemoryCacheMaxEntryBytes = 8 * 1024 });
            var cache = new DiskImageCache(options, new ImagesStatistics(), NullLogger<DiskImageCache>.Instance);
            var keys = Enumerable.Range(0, 8).Select(i => $"svc/full/{i},/0/default.jpg").ToArray();
            await Parallel.ForEachAsync(Enumerable.Range(0, 400), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            {
                var cacheKey = keys[i % keys.Length];
                var body = new byte[1024 + (i % 7 * 1024)];
                switch (i % 3)
                {
                    case 0:
                        await cache.StoreAsync("svc", cacheKey, body, (path, etag) => Resource(cacheKey, path, etag, body.Length), ct);
                        break;
                    case 1:
                        cache.TryKeepInMemory(cacheKey, body);
                        break;
                    default:
                        cache.Remove(cacheKey);
                        break;
                }
            });

            Assert.InRange(cache.MemoryBytes, 0, 64 * 1024);
            cache.PurgeAll();
            Assert.Equal(0, cache.MemoryBytes);
            Assert.Equal(0, cache.TotalBytes);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static CachedResource Resource(string cacheKey, string path, string etag, long length) => new()
    {
        ServiceKey = "svc",
        CacheKey = cacheKey,
        BodyPath = path,
        ContentType = "image/jpeg",
        Length = length,
        ETag = etag,
        LastModified = DateTimeOffset.UnixEpoch,
        FetchedAt = DateTimeOffset.UnixEpoch,
    };
}

using System.Runtime.CompilerServices;
using IiifHarvester.Images.Registry;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace IiifHarvester.Images.Tests.Registry;

public sealed class RegistryLookupCacheTests
{
    [Fact]
    public async Task FindAsync_FoundTwiceWithinDuration_RegistryAskedOnceThenAgainAfter()
    {
        var registry = new CountingRegistry();
        var clock = new FakeTimeProvider();
        var cache = new RegistryLookupCache(registry, Options.Create(new ImagesOptions { RegistryLookupDuration = TimeSpan.FromMinutes(1) }), clock);

        Assert.NotNull(await cache.FindAsync("known", CancellationToken.None));
        Assert.NotNull(await cache.FindAsync("known", CancellationToken.None));
        Assert.Equal(1, registry.Lookups);

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.NotNull(await cache.FindAsync("known", CancellationToken.None));
        Assert.Equal(2, registry.Lookups);

        cache.Clear();
        Assert.NotNull(await cache.FindAsync("known", CancellationToken.None));
        Assert.Equal(3, registry.Lookups);
    }

    [Fact]
    public async Task FindAsync_UnknownKey_NeverRemembered()
    {
        var registry = new CountingRegistry();
        var cache = new RegistryLookupCache(registry, Options.Create(new ImagesOptions()), new FakeTimeProvider());
        Assert.Null(await cache.FindAsync("unknown", CancellationToken.None));
        Assert.Null(await cache.FindAsync("unknown", CancellationToken.None));
        Assert.Equal(2, registry.Lookups);
    }

    [Fact]
    public async Task FindAsync_DurationZero_AlwaysAsks()
    {
        var registry = new CountingRegistry();
        var cache = new RegistryLookupCache(registry, Options.Create(new ImagesOptions { RegistryLookupDuration = TimeSpan.Zero }), new FakeTimeProvider());
        await cache.FindAsync("known", CancellationToken.None);
        await cache.FindAsync("known", CancellationToken.None);
        Assert.Equal(2, registry.Lookups);
    }

    private sealed class CountingRegistry : IImageServiceRegistry
    {
        public int Lookups { get; private set; }

        public async ValueTask<ImageServiceEntry?> FindAsync(string key, CancellationToken cancellationToken)
        {
            Lookups++;
            await Task.Yield(); // Like a store lookup: completes asynchronously.
            return key == "known" ? new ImageServiceEntry("known", "https://images.example.org/iiif/a", "src", new HashSet<string> { "images.example.org" }, false) : null;
        }

        public async IAsyncEnumerable<ImageServiceEntry> ListBySourceAsync(string sourceKey, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.CompletedTask;
            yield break;
        }
    }
}

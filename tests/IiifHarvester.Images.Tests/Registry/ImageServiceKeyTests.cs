using IiifHarvester.Images.Registry;
using Xunit;

namespace IiifHarvester.Images.Tests.Registry;

public sealed class ImageServiceKeyTests
{
    [Theory]
    [InlineData("https://example.org/iiif/abc")]
    [InlineData("https://example.org/iiif/abc/")]
    [InlineData("https://example.org/iiif/abc/info.json")]
    public void For_SpellingsOfOneService_SameKnownKey(string id)
        => Assert.Equal("ac5sjoovap2etihe", ImageServiceKey.For(id));

    [Fact]
    public void For_DifferentServices_DifferentKeys()
        => Assert.NotEqual(ImageServiceKey.For("https://example.org/iiif/a"), ImageServiceKey.For("https://example.org/iiif/b"));

    [Fact]
    public void IsHostAllowed_OnlyConfiguredHostsOverHttp()
    {
        var registry = new InMemoryImageServiceRegistry();
        var entry = registry.Register("https://images.example.org/iiif/a", "src", ["images.example.org"]);
        Assert.True(entry.IsHostAllowed(new Uri("https://images.example.org/iiif/a/full/max/0/default.jpg")));
        Assert.False(entry.IsHostAllowed(new Uri("https://evil.example.net/x")));
        Assert.False(entry.IsHostAllowed(new Uri("file:///etc/passwd")));
        Assert.False(entry.IsHostAllowed(new Uri("ftp://images.example.org/x")));
    }

    [Fact]
    public async Task ListBySource_OnlyThatSource()
    {
        var registry = new InMemoryImageServiceRegistry();
        registry.Register("https://a.org/1", "a", ["a.org"]);
        registry.Register("https://a.org/2", "a", ["a.org"]);
        registry.Register("https://b.org/1", "b", ["b.org"]);
        var listed = new List<ImageServiceEntry>();
        await foreach (var e in registry.ListBySourceAsync("a", CancellationToken.None))
        {
            listed.Add(e);
        }

        Assert.Equal(2, listed.Count);
        Assert.All(listed, e => Assert.Equal("a", e.SourceKey));
    }
}

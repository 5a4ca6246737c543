using IiifHarvester.Iiif.Identity;
using Xunit;

namespace IiifHarvester.Iiif.Tests.Identity;

public sealed class ResourceKeyTests
{
    [Theory]
    [InlineData("https://example.org/iiif/abc")]
    [InlineData("https://example.org/iiif/abc/")]
    [InlineData("https://example.org/iiif/abc/info.json")]
    [InlineData("https://example.org/iiif/abc/INFO.JSON")]
    [InlineData(" https://example.org/iiif/abc/info.json/ ")]
    public void ForImageService_SpellingsOfOneService_OneIdAndOneKey(string id)
    {
        Assert.Equal("https://example.org/iiif/abc", ResourceKey.NormalizeImageServiceId(id));
        Assert.Equal(ResourceKey.For("https://example.org/iiif/abc"), ResourceKey.ForImageService(id));
    }

    [Fact]
    public void For_AnyUri_WellFormedSixteenCharacterKey()
    {
        var key = ResourceKey.For("https://example.org/iiif/m1/manifest");

        Assert.Equal(ResourceKey.Length, key.Length);
        Assert.True(ResourceKey.IsWellFormed(key));
        Assert.NotEqual(key, ResourceKey.For("https://example.org/iiif/m2/manifest"));
    }
}

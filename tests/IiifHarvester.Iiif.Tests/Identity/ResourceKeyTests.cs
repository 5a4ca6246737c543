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

    [Theory]
    [InlineData(1)]
    [InlineData(400)]
    [InlineData(5000)]
    public void For_UriOfAnyLength_Rfc4648Base32OfFirstTenBytesOfSha256OfTrimmedUtf8(int repeat)
    {
        // Keys are in every published URL: the same URI must give the same key in every release, however the key is
        // computed (short URIs hash from the stack, long ones from a pooled buffer).
        var uri = "https://example.org/iiif/" + string.Concat(Enumerable.Repeat("é中/", repeat)) + "manifest";
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(uri));
        var expected = Base32(hash.AsSpan(0, 10));

        Assert.Equal(expected, ResourceKey.For(uri));
        Assert.Equal(expected, ResourceKey.For("  " + uri + "\n"));
        Assert.Equal(expected, ResourceKey.For(("x" + uri + "y").AsSpan(1, uri.Length)));
    }

    [Fact]
    public void For_KnownUri_KeyUnchangedSinceFirstRelease()
    {
        // Computed outside .NET: base64.b32encode(hashlib.sha256(uri).digest()[:10]).lower() in Python.
        Assert.Equal("6hq6ielu3af27mph", ResourceKey.For("https://example.org/iiif/m1/manifest"));
    }

    private static string Base32(ReadOnlySpan<byte> bytes)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        var bits = string.Concat(bytes.ToArray().Select(b => Convert.ToString(b, 2).PadLeft(8, '0')));
        bits = bits.PadRight((bits.Length + 4) / 5 * 5, '0');
        return string.Concat(Enumerable.Range(0, bits.Length / 5).Select(i => alphabet[Convert.ToInt32(bits.Substring(i * 5, 5), 2)]));
    }
}

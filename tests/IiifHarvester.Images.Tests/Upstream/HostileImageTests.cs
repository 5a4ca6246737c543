using System.Net;
using System.Text;
using IiifHarvester.Images.Tests.Fixtures;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Xunit;

namespace IiifHarvester.Images.Tests.Upstream;

/// <summary>
/// An image server that sends active content or a decompression bomb: nothing of it reaches a client or libvips, and
/// every answer says nosniff with a strict Content-Security-Policy.
/// </summary>
public sealed class HostileImageTests
{
    private const string Svg = """<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.domain)"><script>alert(1)</script></svg>""";

    [Theory]
    // Cache-Status of the first answer and of the same request again: a body refused for its bytes is asked for again
    // (fwd-status=502 both times); a failed composition, or a refused content type, is remembered briefly.
    [InlineData("image/svg+xml", "full/max/0/default.jpg", "IiifHarvester; fwd=uri-miss; fwd-status=502", "IiifHarvester; fwd=uri-miss; fwd-status=502")]
    [InlineData("image/jpeg", "full/max/0/default.jpg", "IiifHarvester; fwd=uri-miss; fwd-status=502", "IiifHarvester; fwd=uri-miss; fwd-status=502")] // lying about the type
    [InlineData("image/svg+xml", "full/max/45/default.png", "IiifHarvester; fwd=uri-miss; fwd-status=502", "IiifHarvester; hit; detail=upstream-error")] // a local transform: never handed to libvips
    [InlineData("text/html", "full/200,/0/default.png", "IiifHarvester; fwd=uri-miss; detail=upstream-failed", "IiifHarvester; hit; detail=upstream-error")]
    public async Task Image_UpstreamSendsSvg_502NotServedNotCached(string claimedType, string path, string cacheStatus, string cacheStatusAgain)
    {
        using var upstream = new FakeImageService();
        upstream.Server.Given(Request.Create().WithPath(new RegexMatcher(FakeImageService.ImagePattern)).UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", claimedType).WithBody(Svg));
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(upstream.ServiceId).Key;
        using var response = await host.Client.GetAsync($"/iiif/image/{key}/{path}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.DoesNotContain("<svg", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("script", body, StringComparison.OrdinalIgnoreCase);
        AssertLockedDown(response);
        Assert.Equal(CacheControlNoStore, response.Headers.CacheControl!.ToString());
        Assert.Equal(0, host.Statistics.Compositions);
        Assert.Equal(cacheStatus, response.Headers.GetValues("Cache-Status").Single());

        // Asked again: an error again, never a body from the cache; the only file in the cache is the info.json.
        using var again = await host.Client.GetAsync($"/iiif/image/{key}/{path}");
        Assert.Equal(HttpStatusCode.BadGateway, again.StatusCode);
        Assert.Equal(cacheStatusAgain, again.Headers.GetValues("Cache-Status").Single());
        var file = Assert.Single(Directory.EnumerateFiles(host.CacheDirectory, "*.bin", SearchOption.AllDirectories));
        Assert.Equal(FakeImageService.Info3(upstream.ServiceId), await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task Image_PieceOverThePixelLimit_RefusedBeforeDecoding()
    {
        // The upstream claims 1000×1000 and sends 1500×1500 (2.25 MP) where the decoding limit is 1 MP.
        using var big = NetVips.Image.Black(1500, 1500, bands: 3);
        using var upstream = new FakeImageService(imageBody: big.JpegsaveBuffer());
        await using var host = await ImageProxyHost.StartAsync(o => (o.MaxComposedArea, o.MaxDecodedPixels) = (1_000_000, 1_000_000));
        var key = host.Register(upstream.ServiceId).Key;
        var (status, body) = await host.Client.GetStatusAsync($"/iiif/image/{key}/full/max/45/default.png");
        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Contains("pixel decoding limit", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/info.json")]
    [InlineData("/full/max/0/default.jpg")]
    [InlineData("/full/max/0/sepia.jpg")]
    [InlineData("")]
    public async Task EveryAnswer_NosniffAndStrictCsp(string path)
    {
        using var upstream = new FakeImageService();
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(upstream.ServiceId).Key;
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(host.BaseUrl) };
        foreach (var url in new[] { $"/iiif/image/{key}{path}", $"/iiif/image/2/{key}{path}", $"/iiif/image/3/{key}{path}", $"/iiif/image/unknownkey0000000{path}" })
        {
            using var response = await client.GetAsync(url);
            AssertLockedDown(response);
        }
    }

    private const string CacheControlNoStore = "no-store";

    private static void AssertLockedDown(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("sandbox", csp, StringComparison.Ordinal);
    }
}

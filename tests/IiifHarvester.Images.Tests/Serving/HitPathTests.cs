using System.Net;
using IiifHarvester.Images.Tests.Fixtures;
using Xunit;

namespace IiifHarvester.Images.Tests.Serving;

/// <summary>
/// Image answers are short-circuited as soon as routing matches them (after the edge's forwarded headers and CORS,
/// before response compression): a cache hit must still carry everything the edge and the proxy promise.
/// </summary>
public sealed class HitPathTests
{
    [Fact]
    public async Task Hit_BehindProxy_ForwardedCanonicalLinkCorsAndSecurityHeaders()
    {
        using var upstream = new FakeImageService();
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(upstream.ServiceId).Key;
        var path = $"/iiif/image/{key}/full/max/0/default.jpg";
        await host.Client.GetOkAsync(path);

        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "images.example.org");
        request.Headers.Add("X-Forwarded-Prefix", "/harvester");
        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("IiifHarvester; hit", response.Headers.GetValues("Cache-Status").Single());
        Assert.Contains($"<https://images.example.org/harvester/iiif/image/{key}/full/max/0/default.jpg>;rel=\"canonical\"", response.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("ETag, Link", response.Headers.GetValues("Access-Control-Expose-Headers").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("default-src 'none'; frame-ancestors 'none'; sandbox", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal(upstream.ImageBody, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, upstream.ImageRequests);
    }

    [Fact]
    public async Task AcceptEncoding_ImageSentAsIs_InfoCompressed()
    {
        using var upstream = new FakeImageService();
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(upstream.ServiceId).Key;
        var path = $"/iiif/image/{key}/full/max/0/default.jpg";
        await host.Client.GetOkAsync(path);

        using var image = await GetAsync(host, path, "gzip, br");
        Assert.Equal("IiifHarvester; hit", image.Headers.GetValues("Cache-Status").Single());
        Assert.Empty(image.Content.Headers.ContentEncoding);
        Assert.DoesNotContain("Accept-Encoding", image.Headers.Vary);
        Assert.Equal(upstream.ImageBody, await image.Content.ReadAsByteArrayAsync());

        using var info = await GetAsync(host, $"/iiif/image/{key}/info.json", "gzip, br");
        Assert.Equal(HttpStatusCode.OK, info.StatusCode);
        Assert.Equal("br", info.Content.Headers.ContentEncoding.Single());
        Assert.Contains("Accept-Encoding", info.Headers.Vary);
    }

    private static async Task<HttpResponseMessage> GetAsync(ImageProxyHost host, string path, string acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        return await host.Client.SendAsync(request);
    }
}

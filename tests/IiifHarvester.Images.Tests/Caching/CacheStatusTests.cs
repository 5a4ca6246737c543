using System.Net;
using IiifHarvester.Images.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Xunit;

namespace IiifHarvester.Images.Tests.Caching;

/// <summary><c>Cache-Status</c> (RFC 9211), <c>Age</c> and the remaining <c>max-age</c> on image and info.json answers.</summary>
public sealed class CacheStatusTests
{
    [Fact]
    public async Task Image_MissHitRevalidated_CacheStatusAgeAndRemainingMaxAge()
    {
        using var upstream = new FakeImageService();
        upstream.Server.Given(Request.Create().WithPath(new RegexMatcher(FakeImageService.ImagePattern)).WithHeader("If-None-Match", "\"v1\"").UsingGet())
            .AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(304).WithHeader("ETag", "\"v1\""));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await ImageProxyHost.StartAsync(o => o.Freshness = TimeSpan.FromHours(24), clock);
        var key = host.Register(upstream.ServiceId).Key;
        var url = $"/iiif/image/{key}/full/max/0/default.jpg";

        await AssertCachingAsync(host, url, "IiifHarvester; fwd=uri-miss; stored", age: 0, maxAge: 86_400);
        clock.Advance(TimeSpan.FromHours(1));
        await AssertCachingAsync(host, url, "IiifHarvester; hit", age: 3_600, maxAge: 82_800);
        await AssertCachingAsync(host, $"/iiif/image/{key}/info.json", "IiifHarvester; hit", age: 3_600, maxAge: 82_800);
        clock.Advance(TimeSpan.FromHours(24));
        await AssertCachingAsync(host, url, "IiifHarvester; fwd=stale; fwd-status=304", age: 0, maxAge: 86_400);
        await AssertCachingAsync(host, url, "IiifHarvester; hit", age: 0, maxAge: 86_400);
    }

    [Fact]
    public async Task Image_LocalTransform_MissThenHit()
    {
        using var upstream = new FakeImageService();
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(upstream.ServiceId).Key;
        var url = $"/iiif/image/{key}/full/max/33/default.png";
        await AssertCachingAsync(host, url, "IiifHarvester; fwd=uri-miss; stored", age: 0, maxAge: 86_400);
        await AssertCachingAsync(host, url, "IiifHarvester; hit", age: 0, maxAge: 86_400);
    }

    [Fact]
    public async Task Image_UpstreamError_ForwardedThenRememberedThenRefused()
    {
        using var upstream = new FakeImageService();
        upstream.Server.Given(Request.Create().WithPath("/iiif/img/full/max/0/default.jpg").UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(404));
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(upstream.ServiceId).Key;
        var url = $"/iiif/image/{key}/full/max/0/default.jpg";
        await AssertStatusAsync(host, url, HttpStatusCode.NotFound, "IiifHarvester; fwd=uri-miss; fwd-status=404");
        await AssertStatusAsync(host, url, HttpStatusCode.NotFound, "IiifHarvester; hit; detail=upstream-error");
        await AssertStatusAsync(host, $"/iiif/image/{key}/full/max/0/sepia.jpg", HttpStatusCode.BadRequest, "IiifHarvester; detail=refused");
        Assert.Equal(1, upstream.ImageRequests);
    }

    [Fact]
    public async Task Image_RememberedError_ForgottenWhenTheServiceRevalidates()
    {
        using var upstream = new FakeImageService();
        upstream.Server.Given(Request.Create().WithPath("/iiif/img/full/max/0/default.jpg").UsingGet()).AtPriority(2)
            .RespondWith(Response.Create().WithStatusCode(503));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await ImageProxyHost.StartAsync(o => (o.Freshness, o.ErrorTtl) = (TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(5)), clock);
        var key = host.Register(upstream.ServiceId).Key;
        var url = $"/iiif/image/{key}/full/max/0/default.jpg";
        await host.Client.GetOkAsync($"/iiif/image/{key}/info.json");
        clock.Advance(TimeSpan.FromMinutes(8));
        await AssertStatusAsync(host, url, HttpStatusCode.BadGateway, "IiifHarvester; fwd=uri-miss; fwd-status=503");

        // The image server is back. Within the error's 5 minutes, the service's info.json goes stale and is revalidated
        // with success: the remembered error is forgotten and the image asked for again.
        upstream.Server.Given(Request.Create().WithPath("/iiif/img/full/max/0/default.jpg").UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "image/jpeg").WithBody(upstream.ImageBody));
        await AssertStatusAsync(host, url, HttpStatusCode.BadGateway, "IiifHarvester; hit; detail=upstream-error");
        clock.Advance(TimeSpan.FromMinutes(3));
        await AssertStatusAsync(host, url, HttpStatusCode.OK, "IiifHarvester; fwd=uri-miss; stored");
        Assert.Equal(2, upstream.InfoRequests);
    }

    private static async Task AssertCachingAsync(ImageProxyHost host, string url, string cacheStatus, int age, int maxAge)
    {
        using var response = await host.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(cacheStatus, response.Headers.GetValues("Cache-Status").Single());
        Assert.Equal(TimeSpan.FromSeconds(age), response.Headers.Age);
        Assert.Equal(TimeSpan.FromSeconds(maxAge), response.Headers.CacheControl!.MaxAge);
        Assert.True(response.Headers.CacheControl.Public);
    }

    private static async Task AssertStatusAsync(ImageProxyHost host, string url, HttpStatusCode status, string cacheStatus)
    {
        using var response = await host.Client.GetAsync(url);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(cacheStatus, response.Headers.GetValues("Cache-Status").Single());
    }
}

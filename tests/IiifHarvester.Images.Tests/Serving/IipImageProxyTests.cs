using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using IiifHarvester.Images.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace IiifHarvester.Images.Tests.Serving;

/// <summary>The proxy in front of a real IIPImage (Image API 2.x, level 1 with extras).</summary>
[Collection(UpstreamCollection.Name)]
public sealed class IipImageProxyTests(UpstreamFixture fixture)
{
    [ImageServerFact]
    public async Task Info_Requested_IdIsOurPublicUrlWithCorsAndProfileLink()
    {
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(fixture.Upstream.GridServiceId).Key;
        using var response = await host.Client.GetAsync($"/iiif/image/{key}/info.json");
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"{host.BaseUrl}/iiif/image/{key}", (string?)json["@id"]);
        Assert.Equal("http://iiif.io/api/image/2/context.json", (string?)json["@context"]);
        Assert.Equal(1000, (int?)json["width"]);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("<http://iiif.io/api/image/2/level2.json>;rel=\"profile\"", response.Headers.GetValues("Link").Single());
    }

    [ImageServerFact]
    public async Task Info_AcceptJsonLd_AnswersJsonLd()
    {
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(fixture.Upstream.GridServiceId).Key;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/iiif/image/{key}/info.json");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/ld+json"));
        using var response = await host.Client.SendAsync(request);
        Assert.Equal("application/ld+json", response.Content.Headers.ContentType!.MediaType);
    }

    [ImageServerFact]
    public async Task Info_BehindProxy_IdBuiltFromForwardedHeaders()
    {
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(fixture.Upstream.GridServiceId).Key;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/iiif/image/{key}/info.json");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "images.example.org");
        request.Headers.Add("X-Forwarded-Prefix", "/harvester");
        using var response = await host.Client.SendAsync(request);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal($"https://images.example.org/harvester/iiif/image/{key}", (string?)json["@id"]);

        using var forwarded = new HttpRequestMessage(HttpMethod.Get, $"/iiif/image/{key}/info.json");
        forwarded.Headers.Add("Forwarded", "for=192.0.2.60;proto=https;host=rfc7239.example");
        using var response2 = await host.Client.SendAsync(forwarded);
        Assert.Equal($"https://rfc7239.example/iiif/image/{key}", (string?)JsonNode.Parse(await response2.Content.ReadAsStringAsync())!["@id"]);
    }

    [ImageServerFact]
    public async Task Info_PublicBaseUrlConfigured_Overrides()
    {
        await using var host = await ImageProxyHost.StartAsync(web: o => o.PublicBaseUrl = "https://iiif.example.net/");
        var key = host.Register(fixture.Upstream.GridServiceId).Key;
        var json = JsonNode.Parse(await host.Client.GetOkAsync($"/iiif/image/{key}/info.json"))!;
        Assert.Equal($"https://iiif.example.net/iiif/image/{key}", (string?)json["@id"]);
    }

    [ImageServerFact]
    public async Task BaseUri_Requested_303ToInfoJson()
    {
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(fixture.Upstream.GridServiceId).Key;
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(host.BaseUrl) };
        using var response = await client.GetAsync($"/iiif/image/{key}");
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal($"{host.BaseUrl}/iiif/image/{key}/info.json", response.Headers.Location!.ToString());
    }

    [ImageServerTheory]
    [InlineData("/iiif/image/unknownkey/info.json")]
    [InlineData("/iiif/image/unknownkey/full/max/0/default.jpg")]
    [InlineData("/iiif/image/unknownkey")]
    public async Task UnknownKey_Requested_404(string path)
    {
        await using var host = await ImageProxyHost.StartAsync();
        var (status, _) = await host.Client.GetStatusAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [ImageServerFact]
    public async Task Image_EquivalentForms_OneCanonicalEntryOneUpstreamFetch()
    {
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(fixture.Upstream.GridServiceId).Key;
        await host.Client.GetOkAsync($"/iiif/image/{key}/info.json");
        var before = host.Statistics.UpstreamRequests;
        byte[]? first = null;
        foreach (var size in new[] { "pct:50", "500,", ",500", "500,500", "!500,900" })
        {
            var bytes = await host.Client.GetOkAsync($"/iiif/image/{key}/full/{size}/0/default.jpg");
            first ??= bytes;
            Assert.Equal(first, bytes);
        }

        Assert.Equal(1, host.Statistics.UpstreamRequests - before);
        Assert.Equal((500, 500), GridImage.SizeOf(first!));
        // Square centres of the grid keep their colour at half size.
        foreach (var (x, y) in new[] { (50, 50), (350, 150), (750, 950), (950, 450) })
        {
            Assert.True(GridImage.Close(GridImage.Expected(x, y), GridImage.At(first!, x / 2, y / 2)), $"colour at {x},{y}");
        }
    }

    [ImageServerFact]
    public async Task Image_Served_CorsCanonicalLinkAndValidators()
    {
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(fixture.Upstream.GridServiceId).Key;
        using var response = await host.Client.GetAsync($"/iiif/image/{key}/pct:10,10,20,20/pct:50/!90/default.jpg");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var link = response.Headers.GetValues("Link").Single();
        Assert.Contains("<http://iiif.io/api/image/2/level2.json>;rel=\"profile\"", link, StringComparison.Ordinal);
        Assert.Contains($"<{host.BaseUrl}/iiif/image/{key}/100,100,200,200/100,/!90/default.jpg>;rel=\"canonical\"", link, StringComparison.Ordinal);
        Assert.NotNull(response.Headers.ETag);
        Assert.NotNull(response.Content.Headers.LastModified);
        Assert.Equal((100, 100), GridImage.SizeOf(await response.Content.ReadAsByteArrayAsync()));
    }

    [ImageServerFact]
    public async Task Image_ConditionalRequests_304()
    {
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(fixture.Upstream.GridServiceId).Key;
        var url = $"/iiif/image/{key}/full/200,/0/default.jpg";
        using var first = await host.Client.GetAsync(url);
        var etag = first.Headers.ETag!;
        var lastModified = first.Content.Headers.LastModified!.Value;

        using var byTag = new HttpRequestMessage(HttpMethod.Get, url);
        byTag.Headers.IfNoneMatch.Add(etag);
        using var r1 = await host.Client.SendAsync(byTag);
        Assert.Equal(HttpStatusCode.NotModified, r1.StatusCode);

        using var byDate = new HttpRequestMessage(HttpMethod.Get, url);
        byDate.Headers.IfModifiedSince = lastModified;
        using var r2 = await host.Client.SendAsync(byDate);
        Assert.Equal(HttpStatusCode.NotModified, r2.StatusCode);

        using var otherTag = new HttpRequestMessage(HttpMethod.Get, url);
        otherTag.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"other\""));
        using var r3 = await host.Client.SendAsync(otherTag);
        Assert.Equal(HttpStatusCode.OK, r3.StatusCode);
    }

    [ImageServerFact]
    public async Task Image_Head_HeadersWithoutBody()
    {
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(fixture.Upstream.GridServiceId).Key;
        using var response = await host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/iiif/image/{key}/full/100,/0/default.jpg"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Content.Headers.ContentLength > 0);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [ImageServerFact]
    public async Task Preflight_Options_AllowsAnyOrigin()
    {
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(fixture.Upstream.GridServiceId).Key;
        using var request = new HttpRequestMessage(HttpMethod.Options, $"/iiif/image/{key}/info.json");
        request.Headers.Add("Origin", "https://viewer.example");
        request.Headers.Add("Access-Control-Request-Method", "GET");
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [ImageServerTheory]
    [InlineData("1000,0,10,10/full/0/default.jpg", 400)] // region outside
    [InlineData("0,0,0,10/full/0/default.jpg", 400)] // zero width
    [InlineData("full/^max/0/default.jpg", 400)] // 3.0 syntax on a 2.x service
    [InlineData("full/0,/0/default.jpg", 400)]
    [InlineData("full/full/361/default.jpg", 400)]
    [InlineData("full/full/0/sepia.jpg", 400)]
    [InlineData("full/full/0/default.pdf", 400)] // never served, whatever the upstream offers
    public async Task Image_BadParameters_SpecificationStatus(string path, int status)
    {
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(fixture.Upstream.GridServiceId).Key;
        var (code, body) = await host.Client.GetStatusAsync($"/iiif/image/{key}/{path}");
        Assert.Equal(status, (int)code);
        Assert.False(string.IsNullOrWhiteSpace(body));
    }

    [ImageServerFact]
    public async Task Image_RotationAndMirroringByIipsrv_PixelsWhereExpected()
    {
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(fixture.Upstream.GridServiceId).Key;
        var bytes = await host.Client.GetOkAsync($"/iiif/image/{key}/0,0,200,100/full/90/default.jpg");
        Assert.Equal((100, 200), GridImage.SizeOf(bytes));
        // Rotated 90° clockwise: the original's top-left square (0..100, 0..100) ends up top-right.
        Assert.True(GridImage.Close(GridImage.Expected(50, 50), GridImage.At(bytes, 50, 50)));
        Assert.True(GridImage.Close(GridImage.Expected(150, 50), GridImage.At(bytes, 50, 150)));
    }

    [ImageServerFact]
    public async Task Image_NonSquareSquareRegion_CentredSquareFromUpstream()
    {
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(fixture.Upstream.WideServiceId).Key;
        var bytes = await host.Client.GetOkAsync($"/iiif/image/{key}/square/350,/0/default.jpg");
        Assert.Equal((350, 350), GridImage.SizeOf(bytes));
    }

    [ImageServerFact]
    public async Task Revalidation_AfterFreshness_ConditionalGetTo304FromIipsrv()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await ImageProxyHost.StartAsync(o => o.Freshness = TimeSpan.FromHours(1), clock);
        var key = host.Register(fixture.Upstream.GridServiceId).Key;
        var url = $"/iiif/image/{key}/full/300,/0/default.jpg";
        var first = await host.Client.GetOkAsync(url);
        var before = host.Statistics.UpstreamRequests;
        clock.Advance(TimeSpan.FromHours(2));

        var second = await host.Client.GetOkAsync(url);
        Assert.Equal(first, second);
        Assert.Equal(2, host.Statistics.Revalidations); // info.json and the image
        Assert.Equal(2, host.Statistics.UpstreamRequests - before);

        var third = await host.Client.GetOkAsync(url);
        Assert.Equal(first, third);
        Assert.Equal(2, host.Statistics.UpstreamRequests - before);
    }
}

using System.Net;
using System.Text.Json.Nodes;
using IiifHarvester.Iiif.Identity;
using IiifHarvester.Indexing.Tests.Fixtures;
using Xunit;

namespace IiifHarvester.Web.Tests.Search;

/// <summary>
/// Media types, CORS and caching on every answer of the search side: what browsers (viewers on other origins)
/// and caches in front of us rely on. ETags come from the index generation, so a reindex changes them.
/// </summary>
public sealed class HttpContractTests : IAsyncLifetime
{
    private const string Search2Type = "application/ld+json; profile=\"http://iiif.io/api/search/2/context.json\"";
    private static readonly string BookKey = ResourceKey.For(DemoInstitution.BookUri);
    private SearchApiHost _host = null!;

    public static TheoryData<string, string> Endpoints() => new()
    {
        { $"/iiif/search/1/{BookKey}?q=bird", "application/json" },
        { $"/iiif/search/2/{BookKey}?q=bird", Search2Type },
        { "/iiif/search/1/all?q=bird", "application/json" },
        { "/iiif/search/2/all?q=bird", Search2Type },
        { $"/iiif/search/1/{BookKey}/autocomplete?q=bi", "application/json" },
        { $"/iiif/search/2/{BookKey}/autocomplete?q=bi", Search2Type },
        { "/api/resources?uri=" + Uri.EscapeDataString(DemoInstitution.BookUri), "application/json" },
        { "/iiif/catalog?q=birds", "application/json" },
    };

    public async Task InitializeAsync() => _host = await SearchApiHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Get_Answer_HasMediaTypeCorsETagAndRevalidates(string url, string mediaType)
    {
        using var response = await GetAsync(url, origin: "https://viewer.example.net");
        using var revalidated = await GetAsync(url, ifNoneMatch: response.Headers.ETag!.ToString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.ToString());
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.True(response.Headers.ETag!.IsWeak);
        Assert.True(response.Headers.CacheControl!.Public);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Equal(response.Headers.ETag, revalidated.Headers.ETag);
        Assert.Equal("*", revalidated.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Get_AcceptEncodingGzip_SendsTheSameAnswerCompressed(string url, string mediaType)
    {
        using var plain = await GetAsync(url);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        using var compressed = await _host.Client.SendAsync(request);
        var sent = compressed.Content.Headers.NonValidated.TryGetValues("Content-Length", out var values) ? values.ToString() : null;
        var bytes = await compressed.Content.ReadAsByteArrayAsync();
        await using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress);
        using var unpacked = new MemoryStream();
        await gzip.CopyToAsync(unpacked);

        // Viewers in a browser ask for gzip or br; a length sent is the compressed body's, never the answer's.
        Assert.Equal(["gzip"], compressed.Content.Headers.ContentEncoding);
        Assert.Equal(mediaType, compressed.Content.Headers.ContentType!.ToString());
        Assert.True(sent is null || sent == bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Content-Length {sent} for {bytes.Length} bytes sent");
        Assert.Equal(await plain.Content.ReadAsByteArrayAsync(), unpacked.ToArray());
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Head_Answer_HasTheHeadersOfTheGetAnswer(string url, string mediaType)
    {
        using var get = await GetAsync(url);
        using var request = new HttpRequestMessage(HttpMethod.Head, url);
        request.Headers.Add("Origin", "https://viewer.example.net");
        using var head = await _host.Client.SendAsync(request);

        // Link checkers and caches ask with HEAD; a 405 would tell them the resource is not there.
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(mediaType, head.Content.Headers.ContentType!.ToString());
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Equal("*", head.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Get_AfterTheIndexChanges_OldETagNoLongerMatches(string url, string mediaType)
    {
        _ = mediaType;
        using var before = await GetAsync(url);
        _host.Index.Upsert(DemoInstitution.Scroll());
        _host.Index.Commit(2);
        using var after = await GetAsync(url, ifNoneMatch: before.Headers.ETag!.ToString());

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
    }

    [Theory]
    [InlineData("/iiif/search/1/zzzzzzzzzzzzzzzz?q=bird")]
    [InlineData("/iiif/search/2/all?q=")]
    [InlineData("/iiif/search/2/all/autocomplete")]
    [InlineData("/api/resources")]
    public async Task Get_Error_IsUncachedJsonWithCors(string url)
    {
        using var response = await GetAsync(url, origin: "https://viewer.example.net");

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Null(response.Headers.ETag);
    }

    [Theory]
    [InlineData("/iiif/search/2/all?q=bird")]
    [InlineData("/iiif/search/1/all/autocomplete?q=bi")]
    [InlineData("/api/resources?uri=x")]
    [InlineData("/iiif/catalog")]
    public async Task Preflight_AnyEndpoint_AllowsGetFromAnyOrigin(string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, url);
        request.Headers.Add("Origin", "https://viewer.example.net");
        request.Headers.Add("Access-Control-Request-Method", "GET");
        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("GET", string.Join(',', response.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search1_NoResults_HasTheShapeOfRealEmptyAnswers()
    {
        var json = JsonNode.Parse(await _host.Client.GetStringAsync($"/iiif/search/1/{BookKey}?q=nothinghere"))!;

        // Exactly the properties of the empty answer Mirador's own fixtures hold (no paging links for one page).
        Assert.Equal(
            JsonShapes.CorpusPaths("search1", "mirador__searchManifest.noresults.json").Order(StringComparer.Ordinal),
            JsonShapes.Paths(json).Order(StringComparer.Ordinal));
        Assert.Equal(0, (int)json["within"]!["total"]!);
        Assert.Empty(json["resources"]!.AsArray());
        Assert.Empty(json["hits"]!.AsArray());
        Assert.Null(json["next"]);
    }

    [Fact]
    public async Task Search2_NoResults_IsAnEmptyPageOfAnEmptyCollection()
    {
        var json = JsonNode.Parse(await _host.Client.GetStringAsync($"/iiif/search/2/{BookKey}?q=nothinghere"))!;

        var corpus = JsonShapes.CorpusPaths("search2",
            "api__search-2.0-block-03.json", "api__search-2.0-block-04.json", "api__search-2.0-block-07.json", "api__search-2.0-block-10.json");
        var ours = JsonShapes.Paths(json);

        // partOf.first is required by Search 2.0 §4.3 (and last recommended) though the examples leave them out.
        ours.ExceptWith(["partOf.first", "partOf.first.id", "partOf.first.type", "partOf.last", "partOf.last.id", "partOf.last.type"]);
        Assert.Empty(ours.Except(corpus));
        Assert.Equal("AnnotationPage", (string?)json["partOf"]!["first"]!["type"]);
        Assert.Equal("AnnotationPage", (string?)json["type"]);
        Assert.Empty(json["items"]!.AsArray());
        Assert.Equal(0, (int)json["partOf"]!["total"]!);
        Assert.Null(json["next"]);
    }

    [Fact]
    public async Task Search2_Paging_LinksArePagesAndCollectionHasFirstAndLast()
    {
        await using var host = await SearchApiHost.StartAsync(new Dictionary<string, string?> { ["Indexing:PageSize"] = "1" });
        var json = JsonNode.Parse(await host.Client.GetStringAsync($"/iiif/search/2/{BookKey}?q=bird&page=2"))!;

        Assert.Equal(1, (int)json["startIndex"]!);
        Assert.Equal(new[] { "id", "type" }, json["next"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("AnnotationPage", (string?)json["next"]!["type"]);
        Assert.Equal("AnnotationPage", (string?)json["prev"]!["type"]);
        Assert.EndsWith("page=1", (string?)json["prev"]!["id"], StringComparison.Ordinal);
        Assert.Equal("AnnotationCollection", (string?)json["partOf"]!["type"]);
        Assert.Equal(3, (int)json["partOf"]!["total"]!);
        Assert.EndsWith("page=1", (string?)json["partOf"]!["first"]!["id"], StringComparison.Ordinal);
        Assert.EndsWith("page=3", (string?)json["partOf"]!["last"]!["id"], StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> GetAsync(string url, string? origin = null, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        return await _host.Client.SendAsync(request);
    }
}

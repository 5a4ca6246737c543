using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using IiifHarvester.Iiif.Discovery;
using IiifHarvester.Iiif.Parsing;
using IiifHarvester.Web.Tests.Search;
using Xunit;

namespace IiifHarvester.Web.Tests.Discovery;

/// <summary>Our Change Discovery stream, read as a harvester of it reads it (our own parser).</summary>
public sealed class OwnStreamTests : IAsyncLifetime
{
    private const string Original = "https://x.example.org/iiif/m1";
    private const string Gone = "https://x.example.org/iiif/m2";
    private SearchApiHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await SearchApiHost.StartAsync();
        _host.Store.Add(Original, Encoding.UTF8.GetBytes("""{"@context":"http://iiif.io/api/presentation/3/context.json","id":"https://x.example.org/iiif/m1","type":"Manifest","label":{"en":["m1"]},"items":[]}"""));
        _host.Store.Add(Gone, Encoding.UTF8.GetBytes("{}"), deleted: true);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Stream_ObjectIdIsWhatWeServe_CanonicalIsTheOriginal()
    {
        var collection = Assert.IsType<ActivityStreamCollection>(await ParseAsync("http://localhost/iiif/discovery/changes"));
        var page = Assert.IsType<ActivityStreamPage>(await ParseAsync(collection.Last!));
        var update = Assert.Single(page.Activities, a => a.Type != ActivityType.Delete);
        var delete = Assert.Single(page.Activities, a => a.Type == ActivityType.Delete);

        using var fetched = await _host.Client.GetAsync(update.Object!.Id);
        var served = JsonNode.Parse(await fetched.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.Equal(update.Object.Id, (string?)served["id"]);
        Assert.Equal(Original, update.Object.Canonical);
        Assert.Equal(Gone, delete.Object!.Canonical);
        Assert.StartsWith("http://localhost/iiif/manifests/", delete.Object.Id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_HasNoSeeAlsoOnObjectsAndNoNulls()
    {
        var body = await _host.Client.GetStringAsync("/iiif/discovery/changes/page/0");
        var json = JsonNode.Parse(body)!;

        Assert.Equal("@context", json.AsObject().First().Key);
        Assert.DoesNotContain("null", body, StringComparison.Ordinal);
        Assert.All(json["orderedItems"]!.AsArray(), a => Assert.Null(a!["object"]!["seeAlso"]));
    }

    [Theory]
    [InlineData("/iiif/discovery/changes")]
    [InlineData("/iiif/discovery/changes/page/0")]
    public async Task Stream_AnyOrigin_MayReadItWithOneAllowOriginHeader(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Origin", "https://viewer.other.example");

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal("ETag, Link", Assert.Single(response.Headers.GetValues("Access-Control-Expose-Headers")));
    }

    private async Task<IiifDocument> ParseAsync(string uri)
    {
        var bytes = await _host.Client.GetByteArrayAsync(new Uri(uri));
        var outcome = IiifParser.Parse(bytes, new IiifParserOptions { DocumentUri = uri });
        Assert.True(outcome.IsSuccess, outcome.Error);
        return outcome.Document!;
    }
}

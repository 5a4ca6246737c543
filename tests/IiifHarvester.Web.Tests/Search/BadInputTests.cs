using System.Net;
using System.Text.Json.Nodes;
using IiifHarvester.Iiif.Identity;
using IiifHarvester.Indexing.Tests.Fixtures;
using Xunit;

namespace IiifHarvester.Web.Tests.Search;

public sealed class BadInputTests : IAsyncLifetime
{
    private static readonly string BookKey = ResourceKey.For(DemoInstitution.BookUri);
    private SearchApiHost _host = null!;

    public async Task InitializeAsync() => _host = await SearchApiHost.StartAsync(new Dictionary<string, string?> { ["Indexing:PageSize"] = "1" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string, HttpStatusCode> Requests()
    {
        var longQuery = new string('a', 10_000);
        return new TheoryData<string, HttpStatusCode>
        {
            { $"/iiif/search/1/{BookKey}", HttpStatusCode.BadRequest },
            { $"/iiif/search/1/{BookKey}?q=", HttpStatusCode.BadRequest },
            { $"/iiif/search/2/{BookKey}?q=%20%20", HttpStatusCode.BadRequest },
            { $"/iiif/search/1/{BookKey}?q={longQuery}", HttpStatusCode.BadRequest },
            { $"/iiif/search/2/{BookKey}?q={longQuery}", HttpStatusCode.BadRequest },
            { $"/iiif/search/1/{BookKey}?q=*", HttpStatusCode.BadRequest },
            { $"/iiif/search/1/{BookKey}?q=~%20:", HttpStatusCode.BadRequest },
            { $"/iiif/search/1/{BookKey}?q=%22bird", HttpStatusCode.BadRequest },
            { $"/iiif/search/1/{BookKey}?q=...", HttpStatusCode.BadRequest },
            { $"/iiif/search/1/{BookKey}?q=bird&page=0", HttpStatusCode.BadRequest },
            { $"/iiif/search/1/{BookKey}?q=bird&page=x", HttpStatusCode.BadRequest },
            { $"/iiif/search/1/{BookKey}?q=bird&page=99", HttpStatusCode.NotFound },
            { $"/iiif/search/2/{BookKey}?q=bird&page=2147483647", HttpStatusCode.NotFound },
            { $"/iiif/search/1/{BookKey}?q=bird&date=yesterday", HttpStatusCode.BadRequest },
            { $"/iiif/search/1/aaaaaaaaaaaaaaaa?q=bird", HttpStatusCode.NotFound },
            { "/iiif/search/1/not-a-key?q=bird", HttpStatusCode.NotFound },
            { $"/iiif/search/3/{BookKey}?q=bird", HttpStatusCode.NotFound },
            { $"/iiif/search/1/{BookKey}/autocomplete", HttpStatusCode.BadRequest },
            { $"/iiif/search/2/{BookKey}/autocomplete?q={longQuery}", HttpStatusCode.BadRequest },
            { $"/iiif/search/1/{BookKey}/autocomplete?q=bi&min=0", HttpStatusCode.BadRequest },
            { "/iiif/search/1/zzzzzzzzzzzzzzzz/autocomplete?q=bi", HttpStatusCode.NotFound },
            { "/iiif/manifests/zzzzzzzzzzzzzzzz", HttpStatusCode.NotFound },
            { "/iiif/manifests/..%2F..%2Fetc", HttpStatusCode.NotFound },
            { "/api/resources", HttpStatusCode.BadRequest },
            { "/api/resources?uri=https%3A%2F%2Fnowhere.example.org%2Fm", HttpStatusCode.NotFound },
            { $"/iiif/catalog?q={longQuery}", HttpStatusCode.BadRequest },
            { "/iiif/catalog?q=%22open", HttpStatusCode.BadRequest },
            { "/iiif/catalog?page=500", HttpStatusCode.NotFound },
        };
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Get_BadInput_GetsClearJsonError(string url, HttpStatusCode expected)
    {
        using var response = await _host.Client.GetAsync(url);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.False(string.IsNullOrWhiteSpace((string?)json["error"]));
        Assert.Equal((int)expected, (int)json["status"]!);
    }

    // Each query finds what its plain words find: "text:bird" is the words "text bird" (not "bird" in the field "text") and
    // "bird AND OR NOT" four required words (not operators), which the Book's text does not hold; an empty "" adds nothing.
    [Theory]
    [InlineData("bird*", "bird", 3)]
    [InlineData("bird~", "bird", 3)]
    [InlineData("(bird", "bird", 3)]
    [InlineData("bird]", "bird", 3)]
    [InlineData("text:bird", "text bird", 0)]
    [InlineData("bird AND OR NOT", "bird and or not", 0)]
    [InlineData("\"bird\" \"\"", "\"bird\"", 2)]
    public async Task Get_LuceneSyntax_IsSearchedAsPlainText(string q, string plain, int total)
    {
        var withSyntax = await _host.GetJsonAsync($"/iiif/search/1/{BookKey}?q={Uri.EscapeDataString(q)}");
        var withoutSyntax = await _host.GetJsonAsync($"/iiif/search/1/{BookKey}?q={Uri.EscapeDataString(plain)}");

        Assert.Equal(total, (int)withoutSyntax["within"]!["total"]!);
        Assert.Equal(total, (int)withSyntax["within"]!["total"]!);
    }

    [Fact]
    public async Task Get_Pages_LinkFirstLastNextPrev()
    {
        var page2 = JsonNode.Parse(await _host.Client.GetStringAsync($"/iiif/search/1/{BookKey}?q=bird&page=2"))!;
        var v2 = JsonNode.Parse(await _host.Client.GetStringAsync($"/iiif/search/2/{BookKey}?q=bird&page=2"))!;

        Assert.Equal(3, (int)page2["within"]!["total"]!);
        Assert.Equal(1, (int)page2["startIndex"]!);
        Assert.Equal($"http://localhost/iiif/search/1/{BookKey}?q=bird&page=2", (string?)page2["@id"]);
        Assert.Equal($"http://localhost/iiif/search/1/{BookKey}?q=bird&page=1", (string?)page2["within"]!["first"]);
        Assert.Equal($"http://localhost/iiif/search/1/{BookKey}?q=bird&page=3", (string?)page2["within"]!["last"]);
        Assert.Equal($"http://localhost/iiif/search/1/{BookKey}?q=bird&page=3", (string?)page2["next"]);
        Assert.Equal($"http://localhost/iiif/search/1/{BookKey}?q=bird&page=1", (string?)page2["prev"]);
        Assert.Single(page2["hits"]!.AsArray());
        Assert.Equal($"http://localhost/iiif/search/2/{BookKey}?q=bird&page=3", (string?)v2["next"]!["id"]);
        Assert.Equal($"http://localhost/iiif/search/2/{BookKey}?q=bird", (string?)v2["partOf"]!["id"]);
    }

    [Fact]
    public async Task Get_EveryNextFollowed_ReachesEveryHitOnce()
    {
        var url = $"/iiif/search/1/{BookKey}?q=the";
        var matches = new List<string>();
        for (var guard = 0; url is not null && guard < 10; guard++)
        {
            var page = JsonNode.Parse(await _host.Client.GetStringAsync(url))!;
            matches.AddRange(page["hits"]!.AsArray().Select(h => (string)h!["before"]! + "|" + (string)h["match"]!));
            url = (string?)page["next"];
        }

        Assert.Equal(3, matches.Distinct().Count());
        Assert.Equal(3, matches.Count);
    }
}

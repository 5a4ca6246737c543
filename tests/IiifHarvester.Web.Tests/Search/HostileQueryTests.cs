using System.Net;
using System.Text.Json.Nodes;
using IiifHarvester.Iiif.Identity;
using IiifHarvester.Indexing.Tests.Fixtures;
using Xunit;

namespace IiifHarvester.Web.Tests.Search;

/// <summary>
/// Query text a user (or a fuzzer) might send, on every search and autocomplete endpoint of both versions: the
/// answer is a 200 or a JSON 400 with CORS headers, never a 500, and the text is never read as Lucene syntax.
/// One host for all the cases keeps this fast.
/// </summary>
public sealed class HostileQueryTests : IAsyncLifetime
{
    private static readonly string BookKey = ResourceKey.For(DemoInstitution.BookUri);
    private static readonly string CollectionKey = ResourceKey.For(DemoInstitution.TopCollectionUri);
    private SearchApiHost _host = null!;

    private static readonly string[] Queries =
    [
        "*", "?", "~", ":", "\"", "\"\"", "\"bird", "bird\"", "(", ")", "[", "]", "{", "}", "\\", "/", "^", "!", "+", "-",
        "&&", "||", "AND", "OR NOT", "bird AND", "NOT bird", "bird~2", "bird^10", "b*d", "bi?d", "text:bird", "key:*",
        "[a TO z]", "{a TO z}", "/bi.d/", "(bird", "bird)", "\"hand is", "((((bird))))", "bird\\", "\\\"bird\\\"",
        "\u0000", "bird\u0000hand", "\u200b", "\ud83d\udc26", "\u05e9\u05dc\u05d5\u05dd", "e\u0301", "\u3000", "\u4eac\u90fd\"",
        "<script>alert(1)</script>", "%00", "%%", "&q=bird", "q=bird", "bird;drop", "' OR 1=1 --",
        new string('\u4eac', 10_000), new string('a', 257), string.Join(' ', Enumerable.Repeat("bird", 40)),
    ];

    public async Task InitializeAsync() => _host = await SearchApiHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Get_HostileQueries_AreAnsweredOrRejectedClearly()
    {
        var failures = new List<string>();
        foreach (var q in Queries)
        {
            foreach (var version in new[] { 1, 2 })
            {
                foreach (var scope in new[] { BookKey, CollectionKey, "all" })
                {
                    foreach (var path in new[] { $"/iiif/search/{version}/{scope}", $"/iiif/search/{version}/{scope}/autocomplete" })
                    {
                        var url = $"{path}?q={Uri.EscapeDataString(q)}";
                        var problem = await CheckAsync(url);
                        if (problem is not null)
                        {
                            failures.Add($"{url[..Math.Min(url.Length, 120)]}: {problem}");
                        }
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("~")]
    [InlineData(":")]
    [InlineData("\"")]
    [InlineData("\"bird")]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Get_NothingSearchable_Is400WithAReason(string q)
    {
        foreach (var version in new[] { 1, 2 })
        {
            using var response = await _host.Client.GetAsync($"/iiif/search/{version}/{BookKey}?q={Uri.EscapeDataString(q)}");

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal(400, (int)json["status"]!);
            Assert.False(string.IsNullOrWhiteSpace((string?)json["error"]));
        }
    }

    [Theory]
    [InlineData("bird*", "bird")]
    [InlineData("bird~", "bird")]
    [InlineData("hand:is", "hand is")]
    [InlineData("[bird]", "bird")]
    [InlineData("(hand is)", "hand is")]
    public async Task Get_SyntaxCharacters_AreSeparatorsNotOperators(string q, string plain)
    {
        foreach (var version in new[] { 1, 2 })
        {
            var withSyntax = await _host.GetJsonAsync($"/iiif/search/{version}/{BookKey}?q={Uri.EscapeDataString(q)}");
            var withoutSyntax = await _host.GetJsonAsync($"/iiif/search/{version}/{BookKey}?q={Uri.EscapeDataString(plain)}");

            var total = version == 1 ? (int)withSyntax["within"]!["total"]! : (int)withSyntax["partOf"]!["total"]!;
            var plainTotal = version == 1 ? (int)withoutSyntax["within"]!["total"]! : (int)withoutSyntax["partOf"]!["total"]!;
            Assert.True(plainTotal > 0);
            Assert.Equal(plainTotal, total);
        }
    }

    [Fact]
    public async Task Get_WildcardDoesNotMatchOtherWords()
    {
        // "bi*" as Lucene syntax would match "bird" and "birds"; as text it is the (absent) word "bi".
        var json = await _host.GetJsonAsync($"/iiif/search/1/{BookKey}?q=bi*");

        Assert.Equal(0, (int)json["within"]!["total"]!);
    }

    private async Task<string?> CheckAsync(string url)
    {
        using var response = await _host.Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.BadRequest))
        {
            return $"status {(int)response.StatusCode}: {body[..Math.Min(body.Length, 200)]}";
        }

        if (!response.Headers.TryGetValues("Access-Control-Allow-Origin", out var origins) || origins.Single() != "*")
        {
            return "no CORS header";
        }

        JsonNode? json;
        try
        {
            json = JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException ex)
        {
            return "not JSON: " + ex.Message;
        }

        if (response.StatusCode == HttpStatusCode.BadRequest && (json?["error"] is null || (int?)json["status"] != 400))
        {
            return "400 without {error, status}";
        }

        return null;
    }
}

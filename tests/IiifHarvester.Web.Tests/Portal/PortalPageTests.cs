using System.Net;
using System.Xml.Linq;
using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Identity;
using IiifHarvester.Indexing.Tests.Fixtures;
using IiifHarvester.Web.Portal;
using IiifHarvester.Web.Tests.Search;
using Xunit;

namespace IiifHarvester.Web.Tests.Portal;

public sealed class PortalPageTests : IAsyncLifetime
{
    private SearchApiHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await SearchApiHost.StartAsync();
        _host.Store.Add(HostileObject.Uri, HostileObject.Body);
        _host.Index.Upsert(HostileObject.Indexed());
        _host.Index.Commit(2);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Search_LatinWord_ListsTheObjectWithItsHitsAndMarkedSnippets()
    {
        var html = await GetHtmlAsync("/search?q=bush");

        Assert.Contains("A Book of Birds", html, StringComparison.Ordinal);
        Assert.Contains("2 hits in the text", html, StringComparison.Ordinal);
        Assert.Contains("<mark>bush</mark>", html, StringComparison.Ordinal);
        Assert.Contains($"/objects/{ResourceKey.For(DemoInstitution.BookUri)}?q=bush&amp;canvas=", html, StringComparison.Ordinal);
        Assert.Contains("iiif-content=", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_ChineseWordWithoutSpaces_FindsTheObjectInTheReadersLanguage()
    {
        var html = await GetHtmlAsync("/search?q=" + Uri.EscapeDataString("人民"), "zh-CN,zh;q=0.9");

        Assert.Contains("北京大学藏书", html, StringComparison.Ordinal);
        Assert.Contains("<mark>人民</mark>", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"zh-CN\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_Facet_NarrowsAndTheAppliedFilterLinksToItsRemoval()
    {
        var html = await GetHtmlAsync("/search?q=bird&text=commentary");

        Assert.Contains("1 hit in the text", html, StringComparison.Ordinal);
        Assert.Contains("Kind of text: Commentary", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/search?q=bird\" aria-label=\"Remove filter Kind of text: Commentary\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/search")]
    [InlineData("/search?q=")]
    [InlineData("/search?q=title%3A(bird%20OR%20bush)~2%20*%20%2B-%20%5B1%20TO%205%5D")]
    [InlineData("/search?q=%22unbalanced")]
    [InlineData("/search?q=***")]
    [InlineData("/search?source=nowhere&century=soon&decade=-5&text=&language=xx&sort=sideways&page=abc")]
    [InlineData("/search?q=bird&page=99999")]
    [InlineData("/search?q=bird&page=-3")]
    [InlineData("/search?q=bird&page=2147483647")]
    [InlineData("/objects/nosuchkey0000000")]
    [InlineData("/objects/%3Cscript%3E?q=%22")]
    [InlineData("/search/feed?q=bird&century=soon")]
    public async Task Pages_AnyQueryString_AnswerWithAPageNeverAServerError(string url)
    {
        using var response = await _host.Client.GetAsync(url);

        Assert.True((int)response.StatusCode < 500, $"{url} answered {(int)response.StatusCode}");
        Assert.NotEmpty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Search_TenThousandCharacterQuery_SaysWhyOnThePage()
    {
        var html = await GetHtmlAsync("/search?q=" + new string('a', 10_000));

        Assert.Contains("<p class=\"problem\" role=\"alert\">The query (q) is 10000 characters long; at most 256 are accepted.</p>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_PagePastTheEnd_SaysSoAndLinksTheLastPage()
    {
        // "demo" is in every demo object's source name: five objects, on three pages of two.
        await using var host = await SearchApiHost.StartAsync(new Dictionary<string, string?> { ["Indexing:CatalogPageSize"] = "2" });
        using var response = await host.Client.GetAsync("/search?q=demo&sort=date&page=50");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("There is no page 50. <a href=\"/search?q=demo&amp;sort=date&amp;page=3\">Go to the last page</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Head_SearchPage_HasTheHeadersOfTheGetPageAndNoBody()
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, "/search?q=bird");
        using var head = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("text/html; charset=utf-8", head.Content.Headers.ContentType!.ToString());
        Assert.Contains("script-src 'self';", string.Join(' ', head.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Pages_ContentSecurityPolicy_AllowsOnlyOurOwnScripts()
    {
        using var response = await _host.Client.GetAsync("/search?q=bird");

        var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_ContentSecurityPolicy_LetsTheViewerPlayInstitutionsRecordingsAndCaptions()
    {
        using var response = await _host.Client.GetAsync("/search?q=bird");

        // Without media-src, default-src 'self' blocks every <audio>, <video> and caption <track> Mirador makes.
        Assert.Contains("media-src 'self' blob: https:;", string.Join(' ', response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Object_HostileMetadata_IsShownWithoutScriptHandlersOrJavascriptLinks()
    {
        var html = await GetHtmlAsync($"/objects/{ResourceKey.For(HostileObject.Uri)}?q=ledger");

        Assert.DoesNotContain("<script>document", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onload", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onclick", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<b>bold words</b>", html, StringComparison.Ordinal);
        Assert.Contains("Hostile Library", html, StringComparison.Ordinal);
        Assert.Contains("<mark>ledger</mark>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Object_RequiredStatementRightsAndLinks_AreShown()
    {
        var key = ResourceKey.For(DemoInstitution.BookUri);
        _host.Store.Add(DemoInstitution.BookUri, HostileObject.Body);

        var html = await GetHtmlAsync($"/objects/{key}");

        Assert.Contains("http://creativecommons.org/publicdomain/mark/1.0/", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{DemoInstitution.BookUri}\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"http://localhost/iiif/manifests/{key}\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"attribution\"", html, StringComparison.Ordinal);
        Assert.Contains("projectmirador.org/embed/?iiif-content=", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Object_ContentStateLink_OpensTheViewerAtItsCanvasAndRegion()
    {
        var key = ResourceKey.For(DemoInstitution.BookUri);
        var canvas = DemoInstitution.Canvas(DemoInstitution.BookUri, 2);
        var state = ContentState.Encode(ContentState.ForCanvas($"http://localhost/iiif/manifests/{key}", canvas, new Region(10, 20, 30, 40)));

        var html = await GetHtmlAsync($"/objects/{key}?iiif-content={state}");

        Assert.Contains($"data-canvas=\"{canvas}\"", html, StringComparison.Ordinal);
        Assert.Contains("data-xywh=\"10,20,30,40\"", html, StringComparison.Ordinal);
        Assert.Contains("data-manifest=\"http://localhost/iiif/manifests/" + key + "\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Object_SearchInside_GroupsHitsByCanvasAndOpensTheViewerAtTheFirst()
    {
        var key = ResourceKey.For(DemoInstitution.BookUri);

        var html = await GetHtmlAsync($"/objects/{key}?q=two");

        Assert.Equal(2, html.Split("<h3>").Length - 1);
        Assert.Contains($"data-canvas=\"{DemoInstitution.Canvas(DemoInstitution.BookUri, 1)}\"", html, StringComparison.Ordinal);
        Assert.Contains("data-query=\"two\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Object_UnknownKey_IsAnHtml404()
    {
        using var response = await _host.Client.GetAsync("/objects/aaaaaaaaaaaaaaaa");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Home_BrowserAskingForHtml_GetsThePortalAndJsonClientsTheDescription()
    {
        var html = await GetHtmlAsync("/", accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Accept.ParseAdd("application/json");
        using var json = await _host.Client.SendAsync(request);

        Assert.Contains("role=\"search\"", html, StringComparison.Ordinal);
        Assert.Equal("application/json", json.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Feed_Search_IsAtomOfMatchingObjectsNewestFirst()
    {
        using var response = await _host.Client.GetAsync("/search/feed?q=ledger");
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XNamespace atom = "http://www.w3.org/2005/Atom";

        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
        var entry = Assert.Single(feed.Root!.Elements(atom + "entry"));
        Assert.Equal("2026-01-02T03:04:05Z", (string?)entry.Element(atom + "updated"));
        Assert.Contains("ledger", (string?)entry.Element(atom + "summary"), StringComparison.Ordinal);
        var all = XDocument.Parse(await _host.Client.GetStringAsync("/search/feed"));
        Assert.Equal($"http://localhost/iiif/manifests/{ResourceKey.For(HostileObject.Uri)}", (string?)all.Root!.Elements(atom + "entry").First().Element(atom + "id"));
    }

    [Fact]
    public async Task Feed_Search_HasTheElementsAtomRequiresOfTheFeedAndEachEntry()
    {
        var feed = XDocument.Parse(await _host.Client.GetStringAsync("/search/feed?q=ledger"));
        XNamespace atom = "http://www.w3.org/2005/Atom";

        // RFC 4287 §4.1.1: a feed has one id, title and updated, and should have a self link; an author for entries without one.
        var root = feed.Root!;
        Assert.Equal(atom + "feed", root.Name);
        Assert.Equal("http://localhost/search/feed?q=ledger", (string?)Assert.Single(root.Elements(atom + "id")));
        Assert.Contains("ledger", (string?)Assert.Single(root.Elements(atom + "title")), StringComparison.Ordinal);
        var self = Assert.Single(root.Elements(atom + "link"), l => (string?)l.Attribute("rel") == "self");
        Assert.Equal("http://localhost/search/feed?q=ledger", (string?)self.Attribute("href"));
        Assert.NotNull(root.Element(atom + "author")?.Element(atom + "name"));
        var updated = Rfc3339((string?)Assert.Single(root.Elements(atom + "updated")));

        // §4.1.2: each entry has one id, title and updated, and an alternate link when it has no content.
        var entries = root.Elements(atom + "entry").ToList();
        Assert.NotEmpty(entries);
        foreach (var entry in entries)
        {
            Assert.StartsWith("http://localhost/iiif/manifests/", (string?)Assert.Single(entry.Elements(atom + "id")), StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace((string?)Assert.Single(entry.Elements(atom + "title"))));
            Assert.True(Rfc3339((string?)Assert.Single(entry.Elements(atom + "updated"))) <= updated);
            Assert.Single(entry.Elements(atom + "link"), l => (string?)l.Attribute("rel") == "alternate");
        }

        // The feed changed when its newest entry did.
        Assert.Equal(updated, entries.Max(e => Rfc3339((string?)e.Element(atom + "updated"))));
    }

    private static DateTimeOffset Rfc3339(string? value) =>
        DateTimeOffset.ParseExact(value!, "yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);

    private async Task<string> GetHtmlAsync(string url, string? language = null, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        using var response = await _host.Client.SendAsync(request);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        return await response.Content.ReadAsStringAsync();
    }
}

using System.Xml.Linq;
using AngleSharp.Html.Parser;
using IiifHarvester.Iiif.Identity;
using IiifHarvester.Images;
using IiifHarvester.Indexing.Tests.Fixtures;
using IiifHarvester.Web.Tests.Edge;
using IiifHarvester.Web.Tests.Search;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IiifHarvester.Web.Tests.Portal;

/// <summary>
/// The portal mounted under a path by a reverse proxy (<c>Web:PublicBaseUrl</c> with a path, or
/// <c>X-Forwarded-Prefix</c>): every link, source and form action that points at us stays under that path.
/// </summary>
public sealed class PortalBasePathTests
{
    private const string PublicBase = "https://iiif.example.org/harvester";

    /// <summary>The attributes that hold a URL the browser (or our viewer script) follows.</summary>
    private static readonly string[] UrlAttributes = ["href", "src", "action", "data-manifest", "data-search", "data-copy"];

    /// <summary>Every host a page of these tests could name for us: the test server's, the public one, the request's, the proxy's.</summary>
    private static readonly string[] OurHosts = ["localhost", "iiif.example.org", ForeignOrigin.Host, ForeignOrigin.ForwardedHost];

    private static readonly string BookKey = ResourceKey.For(DemoInstitution.BookUri);

    public static TheoryData<string?, bool, string, string> Mounts => new()
    {
        // Web:PublicBaseUrl wins over whatever the proxy forwards.
        { PublicBase, true, "https://iiif.example.org", "/harvester" },
        { null, true, "https://" + ForeignOrigin.ForwardedHost, ForeignOrigin.ForwardedPrefix },
        { null, false, "http://localhost", string.Empty },
    };

    [Theory]
    [MemberData(nameof(Mounts))]
    public async Task Pages_MountedUnderAPath_EveryLinkSourceAndActionToUsIsUnderIt(string? publicBase, bool viaProxy, string origin, string basePath)
    {
        await using var host = await StartAsync(publicBase);
        string[] pages =
        [
            "/", "/search?q=bush", "/search?q=bird&text=commentary", "/search?q=lighthouse",
            $"/objects/{BookKey}?q=two", $"/objects/{IllustratedObject.Key}?q=lighthouse", "/objects/aaaaaaaaaaaaaaaa",
        ];

        foreach (var page in pages)
        {
            var urls = await OwnUrlsAsync(host, page, viaProxy);

            Assert.All(urls, url => Assert.True(
                url.StartsWith(basePath + "/", StringComparison.Ordinal) || url.StartsWith(origin + basePath + "/", StringComparison.Ordinal),
                $"{page} links to {url}, outside {origin}{basePath}/"));
            Assert.Contains(basePath + "/search", urls);
            Assert.Contains(basePath + "/portal/assets/portal.css", urls);
            Assert.Contains(basePath + "/", urls);
            Assert.Contains(origin + basePath + "/iiif/catalog", urls);
        }
    }

    [Theory]
    [MemberData(nameof(Mounts))]
    public async Task Search_MountedUnderAPath_ThumbnailAndCropComeThroughOurImageProxyUnderIt(string? publicBase, bool viaProxy, string origin, string basePath)
    {
        await using var host = await StartAsync(publicBase);

        var urls = await OwnUrlsAsync(host, "/search?q=lighthouse", viaProxy, ["img[src]"]);

        var image = origin + basePath + "/iiif/image/" + ResourceKey.ForImageService(IllustratedObject.ImageService);
        Assert.Contains(image + "/full/!192,192/0/default.jpg", urls);
        Assert.Contains(urls, u => u.StartsWith(image + "/pct:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_ImagesRoutePrefixSet_ThumbnailAndCropUnderItAndTheBasePath()
    {
        await using var host = await StartAsync(PublicBase, s => s.Configure<ImagesOptions>(o => o.RoutePrefix = "/img"));

        var urls = await OwnUrlsAsync(host, "/search?q=lighthouse", viaProxy: false, ["img[src]"]);

        Assert.Equal(2, urls.Count);
        Assert.All(urls, u => Assert.StartsWith(PublicBase + "/img/" + ResourceKey.ForImageService(IllustratedObject.ImageService) + "/", u, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Mounts))]
    public async Task Object_MountedUnderAPath_ViewerConfigurationAndHitLinksAreUnderIt(string? publicBase, bool viaProxy, string origin, string basePath)
    {
        await using var host = await StartAsync(publicBase);

        var urls = await OwnUrlsAsync(host, $"/objects/{BookKey}?q=two", viaProxy);

        Assert.Contains(origin + basePath + "/iiif/manifests/" + BookKey, urls);
        Assert.Contains(origin + basePath + "/iiif/search/2/" + BookKey, urls);
        Assert.Contains(basePath + "/portal/assets/viewer.js", urls);
        Assert.Contains(basePath + "/portal/assets/mirador.min.js", urls);
        Assert.Contains(basePath + "/objects/" + BookKey, urls);
        Assert.Contains(urls, u => u.StartsWith(basePath + "/objects/" + BookKey + "?q=two&canvas=", StringComparison.Ordinal));
        Assert.Contains(urls, u => u.StartsWith(origin + basePath + "/objects/" + BookKey + "?iiif-content=", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Mounts))]
    public async Task Feed_MountedUnderAPath_EveryIdAndLinkIsUnderIt(string? publicBase, bool viaProxy, string origin, string basePath)
    {
        await using var host = await StartAsync(publicBase);
        using var request = Request("/search/feed?q=bird", viaProxy);

        using var response = await host.Client.SendAsync(request);

        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var urls = feed.Descendants(atom + "id").Select(e => e.Value)
            .Concat(feed.Descendants(atom + "link").Select(e => (string)e.Attribute("href")!))
            .ToList();
        Assert.NotEmpty(feed.Root!.Elements(atom + "entry"));
        Assert.All(urls, url => Assert.StartsWith(origin + basePath + "/", url, StringComparison.Ordinal));
        Assert.Contains(origin + basePath + "/search?q=bird", urls);
        Assert.Contains(origin + basePath + "/objects/" + BookKey + "?q=bird", urls);
    }

    [Fact]
    public async Task Pages_MountedUnderAForwardedPrefix_EveryLinkToUsAnswersOnceTheProxyStripsThePrefix()
    {
        await using var host = await StartAsync(publicBase: null);
        const string origin = "https://" + ForeignOrigin.ForwardedHost;
        var links = new HashSet<string>(StringComparer.Ordinal);
        foreach (var page in new[] { "/", "/search?q=bush", $"/objects/{BookKey}?q=two" })
        {
            links.UnionWith(await OwnUrlsAsync(host, page, viaProxy: true, ["a[href]", "link[href]", "script[src]", "form[action]"]));
        }

        foreach (var link in links)
        {
            var path = link.StartsWith(origin, StringComparison.Ordinal) ? link[origin.Length..] : link;
            Assert.StartsWith(ForeignOrigin.ForwardedPrefix + "/", path, StringComparison.Ordinal);
            using var request = Request(path[ForeignOrigin.ForwardedPrefix.Length..].Split('#')[0], viaProxy: true);
            using var response = await host.Client.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, $"{link} answered {(int)response.StatusCode}");
        }
    }

    /// <summary>A host with the demo institution, the book's manifest in the store, and an object with an image service.</summary>
    private static async Task<SearchApiHost> StartAsync(string? publicBase, Action<IServiceCollection>? configure = null)
    {
        var host = await SearchApiHost.StartAsync(publicBase is null ? null : new Dictionary<string, string?> { ["Web:PublicBaseUrl"] = publicBase }, configure);
        host.Store.Add(DemoInstitution.BookUri, HostileObject.Body);
        host.Store.Add(IllustratedObject.Uri, IllustratedObject.Body);
        host.Index.Upsert(IllustratedObject.Indexed());
        host.Index.Commit(3);
        return host;
    }

    private static HttpRequestMessage Request(string path, bool viaProxy)
    {
        var request = viaProxy ? ForeignOrigin.Get(path) : new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");
        return request;
    }

    /// <summary>
    /// The URLs of <paramref name="page"/> that point at us (relative, or absolute on any of <see cref="OurHosts"/>);
    /// links to institutions and other viewers are left out.
    /// </summary>
    private static async Task<List<string>> OwnUrlsAsync(SearchApiHost host, string page, bool viaProxy, string[]? selectors = null)
    {
        using var request = Request(page, viaProxy);
        using var response = await host.Client.SendAsync(request);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        using var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        var urls = selectors is null
            ? document.All.SelectMany(e => UrlAttributes.Select(e.GetAttribute)).OfType<string>()
            : selectors.SelectMany(s => document.QuerySelectorAll(s)).Select(e => e.GetAttribute("href") ?? e.GetAttribute("src") ?? e.GetAttribute("action")!);
        return [.. urls.Where(u => (u.StartsWith('/') && !u.StartsWith("//", StringComparison.Ordinal))
            || (Uri.TryCreate(u, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal) && OurHosts.Contains(absolute.Host)))];
    }
}

using System.Text.Json;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using IiifHarvester.Demo;
using IiifHarvester.Iiif.Identity;
using IiifHarvester.Web.Portal;
using Microsoft.Playwright;
using Xunit;

namespace IiifHarvester.EndToEnd.Tests;

/// <summary>The portal in a real browser against the demo institution: what a researcher does, step by step.</summary>
public sealed class PortalBrowserTests : IClassFixture<PortalBrowserFixture>
{
    private const float Timeout = 30_000;
    private readonly PortalBrowserFixture _fixture;

    public PortalBrowserTests(PortalBrowserFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Search_LatinWordThenChineseWord_ListObjectsWithTheWordsMarked()
    {
        var page = await _fixture.NewPageAsync();
        await page.GotoAsync("/");
        await page.FillAsync("#q", "charter");
        await page.PressAsync("#q", "Enter");
        await page.WaitForURLAsync("**/search?q=charter", new() { Timeout = Timeout });
        Assert.True(await page.Locator("li.hit").CountAsync() > 0);
        Assert.Equal("charter", (await page.Locator("li.hit mark").First.InnerTextAsync()).ToLowerInvariant());
        await _fixture.ShotAsync(page, "1-search-latin");

        await page.FillAsync("#q", "明月");
        await page.PressAsync("#q", "Enter");
        await page.WaitForURLAsync("**/search?q=*", new() { Timeout = Timeout });
        Assert.True(await page.Locator("li.hit").CountAsync() > 0);
        Assert.Equal("明月", await page.Locator("li.hit mark").First.InnerTextAsync());
        await _fixture.ShotAsync(page, "2-search-chinese");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Home_ListsInstitutionsWithCountAndLastHarvestAndExampleSearchesThatFind()
    {
        var page = await _fixture.NewPageAsync();
        await page.GotoAsync("/");
        var institution = page.Locator("ul.institutions li").First;
        Assert.Matches(@"\u2013 [1-9][0-9,]* objects, last harvested", await institution.InnerTextAsync());
        Assert.True(DateTimeOffset.TryParse(await institution.Locator("time").First.GetAttributeAsync("datetime"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out _));
        var examples = page.Locator("ul.examples a");
        Assert.True(await examples.CountAsync() > 0);
        await examples.First.ClickAsync();
        await page.WaitForURLAsync("**/search?q=*", new() { Timeout = Timeout });
        Assert.True(await page.Locator("li.hit").CountAsync() > 0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Search_ClickingAFacet_NarrowsAndTheFilterCanBeRemoved()
    {
        var page = await _fixture.NewPageAsync();
        await page.GotoAsync("/search?q=charter");
        var before = await ObjectCountAsync(page);
        await page.Locator("nav.facets a[href*='decade=']").First.ClickAsync();
        await page.WaitForURLAsync("**decade=*", new() { Timeout = Timeout });
        var after = await ObjectCountAsync(page);
        Assert.True(after > 0 && after < before, $"{before} then {after}");
        await _fixture.ShotAsync(page, "3-facet");

        await page.Locator("ul.applied a").First.ClickAsync();
        await page.WaitForURLAsync("**/search?q=charter", new() { Timeout = Timeout });
        Assert.Equal(before, await ObjectCountAsync(page));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ObjectPage_FromAHit_MiradorOpensAtTheHitsCanvasAndRegionAndRunsTheSearch()
    {
        var page = await _fixture.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, m) => { if (m.Type is "error") { console.Add(m.Text + " @ " + m.Location); } };
        page.PageError += (_, e) => console.Add(e);
        await page.GotoAsync("/search?q=charter");
        var snippet = page.Locator("a.snippet").First;
        var href = await snippet.GetAttributeAsync("href");
        await snippet.ClickAsync();
        // Arrived once the page's document is parsed: its load event also waits for every image it names (through the
        // image proxy, slow on a loaded machine), and what the test proves is Mirador's state, awaited next.
        await page.WaitForURLAsync("**/objects/**", new() { Timeout = Timeout, WaitUntil = WaitUntilState.DOMContentLoaded });
        var viewer = page.Locator("#viewer");
        var canvas = await viewer.GetAttributeAsync("data-canvas");
        var xywh = (await viewer.GetAttributeAsync("data-xywh"))!.Split(',').Select(double.Parse).ToArray();
        Assert.Contains(Uri.EscapeDataString(canvas!), href, StringComparison.Ordinal);

        // Mirador's own state: the window is at the hit's canvas, the viewport centred on the region, the search ran
        // and a hit is selected (Mirador highlights the selected hit's region on the canvas).
        try
        {
            await page.WaitForFunctionAsync(
                "() => { const s = window.portalViewer && window.portalViewer.store.getState(); const w = s && s.searches && s.searches.object; " +
                "return !!w && Object.values(w).some(c => c.selectedContentSearchAnnotationIds && c.selectedContentSearchAnnotationIds.length > 0); }",
                null, new() { Timeout = Timeout });
        }
        catch (TimeoutException)
        {
            await _fixture.ShotAsync(page, "4-object-mirador-timeout");
            var dump = await page.EvaluateAsync<string>(
                "() => { const s = window.portalViewer ? window.portalViewer.store.getState() : null; return s ? JSON.stringify({ keys: Object.keys(s), windows: s.windows, searches: s.searches, viewers: s.viewers, errors: s.errors }).slice(0, 6000) : 'no viewer: ' + typeof window.Mirador; }");
            Assert.Fail(dump);
        }

        using var state = JsonDocument.Parse(await page.EvaluateAsync<string>(
            "() => { const s = window.portalViewer.store.getState(); return JSON.stringify({ canvas: s.windows.object.canvasId, viewer: s.viewers.object, searches: s.searches.object }); }"));
        var root = state.RootElement;
        Assert.Equal(canvas, root.GetProperty("canvas").GetString());
        var centre = root.GetProperty("viewer");
        Assert.InRange(centre.GetProperty("x").GetDouble(), xywh[0], xywh[0] + xywh[2]);
        Assert.InRange(centre.GetProperty("y").GetDouble(), xywh[1], xywh[1] + xywh[3]);
        Assert.Contains("\"charter\"", root.GetProperty("searches").GetRawText(), StringComparison.Ordinal);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await ListsAHitAsync(page, "Mirador lists no hit");

        // Away from the search panel and back: Mirador 4.0.0 asks for the same search again as the panel mounts,
        // which without viewer.js's guard empties the listed hits' annotations and throws "reading 'targetId'".
        await page.GetByRole(AriaRole.Tab, new() { Name = "Information" }).ClickAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Search", Exact = true }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await ListsAHitAsync(page, "Mirador lists no hit after returning to the search panel");

        var errors = await page.EvaluateAsync<string>("() => JSON.stringify(window.portalViewer.store.getState().errors || {})");
        await page.Locator("#viewer").ScrollIntoViewIfNeededAsync();
        // Mirador records no failed request or search, and nothing else logs an error: no failed load (the favicon
        // included), no render error. One message is allowed: Mirador 4.0.0's React 19 deprecation notice, logged
        // by mirador.min.js on every page.
        Assert.True(errors is "{}" or "{\"items\":[]}", errors + "\n" + string.Join("\n", console));
        var unexpected = console.Where(m => !m.StartsWith("Accessing element.ref was removed in React 19", StringComparison.Ordinal)).ToList();
        Assert.True(unexpected.Count == 0, string.Join("\n---\n", unexpected));
        await _fixture.ShotAsync(page, "4-object-mirador");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Viewer_BehindAProxyUnderAPrefix_LoadsEverythingUnderThePrefixAndListsTheHits()
    {
        // A reverse proxy that mounts us under /harvester: it strips the prefix and says so in X-Forwarded-Prefix
        // (trusted from loopback). The demo institution stays at /demo on the same origin.
        const string Prefix = "/harvester";
        var context = await _fixture.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, Locale = "en-GB" });
        var origin = new Uri(_fixture.BaseUrl);
        await context.RouteAsync(url => new Uri(url).AbsolutePath.StartsWith(Prefix + "/", StringComparison.Ordinal), async route =>
        {
            var url = new Uri(route.Request.Url);
            var headers = new Dictionary<string, string>(route.Request.Headers) { ["X-Forwarded-Prefix"] = Prefix };
            await route.ContinueAsync(new RouteContinueOptions { Url = url.GetLeftPart(UriPartial.Authority) + url.PathAndQuery[Prefix.Length..], Headers = headers });
        });
        var outside = new List<string>();
        var failed = new List<string>();
        context.Request += (_, r) =>
        {
            var url = new Uri(r.Url);
            if (url.Authority == origin.Authority && !url.AbsolutePath.StartsWith(Prefix + "/", StringComparison.Ordinal) && !url.AbsolutePath.StartsWith("/demo/", StringComparison.Ordinal))
            {
                outside.Add(r.Url);
            }
        };
        context.Response += (_, r) => { if (r.Status >= 400) { failed.Add($"{r.Status} {r.Url}"); } };
        var page = await context.NewPageAsync();

        await page.GotoAsync(_fixture.BaseUrl + Prefix + "/");
        await page.Locator("form.search input[name=q]").FillAsync("charter");
        await page.Locator("form.search button").ClickAsync();
        await page.WaitForURLAsync($"**{Prefix}/search?q=charter", new() { Timeout = Timeout });
        await page.Locator("a.snippet").First.ClickAsync();
        await page.WaitForURLAsync($"**{Prefix}/objects/**", new() { Timeout = Timeout, WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.Locator("#viewer li", new() { HasText = "charter" }).First.WaitForAsync(new() { Timeout = Timeout });
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.StartsWith(_fixture.BaseUrl + Prefix + "/iiif/manifests/", await page.Locator("#viewer").GetAttributeAsync("data-manifest"), StringComparison.Ordinal);
        Assert.True(await page.EvaluateAsync<bool>("() => Array.from(document.styleSheets).some(s => s.href && s.href.endsWith('/portal.css') && s.cssRules.length > 0)"), "portal.css is not loaded");
        Assert.True(outside.Count == 0, "Asked outside the prefix:\n" + string.Join('\n', outside));
        Assert.True(failed.Count == 0, "Failed:\n" + string.Join('\n', failed));
        await _fixture.ShotAsync(page, "6-object-under-a-prefix");
        await context.CloseAsync();
    }

    [Fact]
    public async Task ContentStateLink_DecodesToTheHitsCanvasAndRegion()
    {
        var page = await _fixture.NewPageAsync();
        await page.GotoAsync("/search?q=charter");
        var first = page.Locator("ul.snippets li").First;
        var snippetHref = (await first.Locator("a.snippet").GetAttributeAsync("href"))!;
        var iiifHref = (await first.Locator("a.iiif").GetAttributeAsync("href"))!;
        var encoded = iiifHref[(iiifHref.IndexOf("iiif-content=", StringComparison.Ordinal) + "iiif-content=".Length)..];
        using var json = JsonDocument.Parse(ContentState.Decode(encoded)!);
        var target = json.RootElement.GetProperty("target").GetProperty("id").GetString()!;
        var canvas = target[..target.IndexOf("#xywh=", StringComparison.Ordinal)];
        var xywh = target[(target.IndexOf("#xywh=", StringComparison.Ordinal) + 6)..];

        var place = Uri.UnescapeDataString(snippetHref);
        Assert.Contains("canvas=" + canvas + "&", place, StringComparison.Ordinal);
        Assert.Contains("xywh=" + xywh + "#", place, StringComparison.Ordinal);
        await page.GotoAsync(iiifHref);
        Assert.Equal(canvas, await page.Locator("#viewer").GetAttributeAsync("data-canvas"));
        Assert.Equal(xywh, await page.Locator("#viewer").GetAttributeAsync("data-xywh"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ObjectPage_HostileMetadata_RunsNoScript()
    {
        var page = await _fixture.NewPageAsync();
        var dialogs = 0;
        page.Dialog += (_, dialog) =>
        {
            dialogs++;
            _ = dialog.DismissAsync();
        };
        await page.GotoAsync("/search?type=Manifest");
        var links = await page.Locator("li.hit h2 a").EvaluateAllAsync<string[]>("links => links.map(a => a.href)");

        // The demo's manifests carry hostile markup in their metadata: a Presentation 2.1 one (even index) an
        // <img onerror>, a 3.0 one (odd index) a <script>. Two of each listed are visited.
        var institution = new DemoInstitution(new DemoInstitutionOptions { Manifests = 40 }, $"{_fixture.BaseUrl}/demo");
        var indexByKey = Enumerable.Range(0, institution.ManifestCount).ToDictionary(i => ResourceKey.For(institution.ManifestUri(i)));
        var listed = links.Select(url => (Url: url, Index: indexByKey[new Uri(url).Segments[^1]])).ToList();
        var objects = listed.Where(o => !DemoInstitution.IsV3(o.Index)).Take(2).Concat(listed.Where(o => DemoInstitution.IsV3(o.Index)).Take(2)).ToList();
        Assert.Equal(4, objects.Count);
        Assert.Equal(2, objects.Count(o => DemoInstitution.IsV3(o.Index)));
        Assert.Equal(2, objects.Count(o => !DemoInstitution.IsV3(o.Index)));
        var visited = 0;
        foreach (var (url, _) in objects)
        {
            await page.GotoAsync(url);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            Assert.Contains("Folio with", await page.Locator("dl.metadata").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal(0, await page.Locator("dl.metadata script, dl.metadata [onerror]").CountAsync());
            visited++;
        }

        Assert.Equal(4, visited);
        await _fixture.ShotAsync(page, "5-hostile-metadata");
        Assert.Equal(0, dialogs);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Keyboard_TabFromTheTop_ReachesEveryControlOfHomeSearchAndObjectPagesWithVisibleFocus()
    {
        var page = await _fixture.NewPageAsync();
        await page.GotoAsync("/search?q=charter");
        var objectUrl = (await page.Locator("li.hit h2 a").First.GetAttributeAsync("href"))!;
        var problems = new List<string>();
        foreach (var url in new[] { "/", "/search?q=charter", objectUrl })
        {
            await page.GotoAsync(url);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            if (url == objectUrl)
            {
                await page.Locator("#viewer li", new() { HasText = "charter" }).First.WaitForAsync(new() { Timeout = Timeout });
            }

            problems.AddRange(await TabThroughAsync(page, url));
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        await page.Context.CloseAsync();
    }

    // Marks every focusable control, presses Tab until each was focused once, and asks that each of our own controls
    // (Mirador's are its own) shows its focus: an outline or a box shadow.
    private static async Task<IEnumerable<string>> TabThroughAsync(IPage page, string url)
    {
        var controls = await page.EvaluateAsync<int>(
            "() => { let n = 0; document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]').forEach(e => { " +
            "if (e.tabIndex >= 0 && !e.hidden && !e.disabled && e.getClientRects().length > 0 || e.classList.contains('skip')) { e.dataset.kbd = String(n++); } }); return n; }");
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var unseen = new List<string>();
        for (var i = 0; i < controls * 2 + 10 && reached.Count < controls; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string[]?>(
                "() => { const e = document.activeElement; if (!e || !e.dataset.kbd) { return null; } const s = getComputedStyle(e); " +
                "const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none' || !!e.closest('#viewer'); " +
                "return [e.dataset.kbd, visible ? '' : e.outerHTML.slice(0, 120)]; }");
            if (focused is [var id, var html])
            {
                reached.Add(id);
                if (html.Length > 0)
                {
                    unseen.Add($"{url}: no visible focus on {html}");
                }
            }
        }

        var missed = reached.Count == controls ? [] : new[] { $"{url}: Tab reached {reached.Count} of {controls} controls" };
        return missed.Concat(unseen.Distinct(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Axe_HomeSearchAndObjectPages_HaveNoSeriousOrCriticalViolations()
    {
        var page = await _fixture.NewPageAsync();
        var problems = new List<string>();
        foreach (var url in new[] { "/", "/search?q=charter", "/search?q=%E6%98%8E%E6%9C%88" })
        {
            await page.GotoAsync(url);
            problems.AddRange(Serious(url, await page.RunAxe()));
        }

        await page.GotoAsync("/search?q=charter");
        await page.Locator("li.hit h2 a").First.ClickAsync();
        // Arrived once the page's document is parsed: its load event also waits for every image it names (through the
        // image proxy, slow on a loaded machine), and what the test proves is Mirador's state, awaited next.
        await page.WaitForURLAsync("**/objects/**", new() { Timeout = Timeout, WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.Locator("#viewer li", new() { HasText = "charter" }).First.WaitForAsync(new() { Timeout = Timeout });
        // The whole page, Mirador included: viewer.js repairs the three pieces of Mirador 4.0.0's markup axe-core found
        // wrong (README's portal section).
        problems.AddRange(Serious(page.Url, await page.RunAxe()));

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Keyboard_MiradorSearchHit_EnterOrSpaceOnItsButtonSelectsTheHit()
    {
        const string Selected = "() => Object.values(window.portalViewer.store.getState().searches.object)[0].selectedContentSearchAnnotationIds[0]";
        var page = await _fixture.NewPageAsync();
        await page.GotoAsync("/search?q=charter");
        await page.Locator("li.hit h2 a").First.ClickAsync();
        // Arrived once the page's document is parsed: its load event also waits for every image it names (through the
        // image proxy, slow on a loaded machine), and what the test proves is Mirador's state, awaited next.
        await page.WaitForURLAsync("**/objects/**", new() { Timeout = Timeout, WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.Locator("#viewer li", new() { HasText = "charter" }).First.WaitForAsync(new() { Timeout = Timeout });

        // Each hit not selected is a list item holding a button named by its number and page, beside its "more".
        var hits = page.Locator("#viewer").GetByRole(AriaRole.Listitem).GetByRole(AriaRole.Button, new() { NameRegex = new Regex(@"^\d+ ") });
        foreach (var key in new[] { "Enter", "Space" })
        {
            var before = await page.EvaluateAsync<string>(Selected);
            Assert.True(await hits.CountAsync() > 0, "no hit button to press");
            await hits.First.FocusAsync();
            await page.Keyboard.PressAsync(key);
            await page.WaitForFunctionAsync($"() => ({Selected})() !== {JsonSerializer.Serialize(before)}", null, new() { Timeout = Timeout });
        }

        await page.Context.CloseAsync();
    }

    private static IEnumerable<string> Serious(string url, AxeResult result) =>
        result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{url}: {v.Id} ({v.Impact}) {v.Help}: {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}");

    private static async Task<int> ObjectCountAsync(IPage page)
    {
        var text = await page.Locator("p.summary").InnerTextAsync();
        return int.Parse(new string(text.TakeWhile(c => char.IsAsciiDigit(c) || c == ',').Where(char.IsAsciiDigit).ToArray()), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Waits for Mirador's hit list to show a "charter" hit: once the search's requests are done, React may still be
    /// rendering the list on a loaded machine (counting at once failed in CI). A list that threw never shows one.
    /// </summary>
    private static async Task ListsAHitAsync(IPage page, string failure)
    {
        try
        {
            await page.Locator("#viewer li", new() { HasText = "charter" }).First.WaitForAsync(new() { Timeout = Timeout });
        }
        catch (TimeoutException)
        {
            Assert.Fail(failure);
        }
    }
}

using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text.Json;
using IiifHarvester.Demo;
using IiifHarvester.Harvesting.Pipeline;
using IiifHarvester.Sources;
using IiifHarvester.Storage.Documents;
using IiifHarvester.Iiif.Identity;
using IiifHarvester.Web.Images;
using Xunit;

namespace IiifHarvester.EndToEnd.Tests;

/// <summary>The foundation's slice: demo stream → fetch → store → parse → index → Content Search, through the real host.</summary>
public sealed class DemoSliceTests : IAsyncLifetime
{
    private DemoServer _demo = null!;
    private HostFactory _host = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _demo = await DemoServer.StartAsync(new DemoInstitutionOptions { Manifests = 30, CanvasesPerManifest = 3, LinesPerCanvas = 4 });
        _host = new HostFactory(_demo.Institution, new Dictionary<string, string?>
        {
            ["Sources:demo:ProxyImages"] = "true",
            ["Sources:broken:Streams:0"] = "not-a-url",
            ["Sources:broken:Schedule"] = "whenever",
        });
        _client = _host.CreateClient();
        var source = _host.Services.GetRequiredService<SourceCatalog>().Find("demo")!;
        var result = await _host.Services.GetRequiredService<ISourceHarvester>().HarvestAsync(source, default);
        Assert.False(result.SourceFailed, string.Join('\n', result.Errors));
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
        await _demo.DisposeAsync();
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public async Task Search2_MarkerWord_HitsTheRightCanvas(int manifest)
    {
        var key = ResourceKey.For(_demo.Institution.ManifestUri(manifest));

        using var response = await _client.GetAsync(new Uri($"/iiif/search/2/{key}?q={DemoInstitution.MarkerWord(manifest)}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var items = json.RootElement.GetProperty("items");
        Assert.Equal(1, items.GetArrayLength());
        var target = items[0].GetProperty("target");
        var targetId = target.ValueKind == JsonValueKind.String ? target.GetString()! : target.GetProperty("source").ValueKind == JsonValueKind.String ? target.GetProperty("source").GetString()! : target.GetProperty("source").GetProperty("id").GetString()!;
        Assert.StartsWith(_demo.Institution.CanvasUri(manifest, 0), targetId, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)] // Presentation 2.1
    [InlineData(2)] // Presentation 3.0
    public async Task Manifest_ProxyImages_EveryImagePointsAtTheProxyAndLoads(int manifest)
    {
        var key = ResourceKey.For(_demo.Institution.ManifestUri(manifest));
        var body = await _client.GetStringAsync(new Uri($"/iiif/manifests/{key}", UriKind.Relative));
        var institution = new Uri(_demo.Institution.ImageServiceUri(0)).GetLeftPart(UriPartial.Authority) + "/images/";
        Assert.DoesNotContain(institution, body, StringComparison.Ordinal);

        // Every image service, painting body and thumbnail loads through the proxy, with the proxy's caching headers.
        var urls = new List<string>();
        Collect(JsonDocument.Parse(body).RootElement, urls);
        var services = urls.Where(u => u.Contains("/iiif/image/", StringComparison.Ordinal)).Distinct().ToList();
        Assert.NotEmpty(services);
        foreach (var url in services.Take(12))
        {
            var path = new Uri(url).PathAndQuery;
            var target = path.Count(c => c == '/') <= 4 ? path + "/info.json" : path;
            using var response = await _client.GetAsync(new Uri(target, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{target}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.StartsWith("IiifHarvester; ", response.Headers.GetValues("Cache-Status").Single(), StringComparison.Ordinal);
        }

        // The institution's service stays discoverable.
        var lookup = await _client.GetStringAsync(new Uri($"/api/resources?uri={Uri.EscapeDataString(_demo.Institution.ImageServiceUri(0))}", UriKind.Relative));
        using var found = JsonDocument.Parse(lookup);
        Assert.Equal(_demo.Institution.ImageServiceUri(0), found.RootElement.GetProperty("uri").GetString());
        Assert.EndsWith("/iiif/image/3/" + found.RootElement.GetProperty("key").GetString(), found.RootElement.GetProperty("links").GetProperty("image3").GetString(), StringComparison.Ordinal);

        static void Collect(JsonElement element, List<string> into)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        if (property.Name is "id" or "@id" && property.Value.ValueKind == JsonValueKind.String)
                        {
                            into.Add(property.Value.GetString()!);
                        }

                        Collect(property.Value, into);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        Collect(item, into);
                    }

                    break;
            }
        }
    }

    [Fact]
    public async Task Harvest_ThenThePortalsThumbnailsAreWarm()
    {
        await _host.Services.GetRequiredService<ThumbnailWarming>().WhenIdleAsync(CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2));

        // The thumbnail a search page shows (PortalContext: full/!192,192) answers from the cache.
        var key = ResourceKey.ForImageService(_demo.Institution.ImageServiceUri(0));
        using var response = await _client.GetAsync(new Uri($"/iiif/image/{key}/full/!192,192/0/default.jpg", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("IiifHarvester; hit", response.Headers.GetValues("Cache-Status").Single());
    }

    [Fact]
    public async Task Search1_MarkerWord_AnswersAnnotationListWithXywh()
    {
        var key = ResourceKey.For(_demo.Institution.ManifestUri(2));

        var body = await _client.GetStringAsync(new Uri($"/iiif/search/1/{key}?q={DemoInstitution.MarkerWord(2)}", UriKind.Relative));

        using var json = JsonDocument.Parse(body);
        var resource = Assert.Single(json.RootElement.GetProperty("resources").EnumerateArray());
        Assert.StartsWith($"{_demo.Institution.CanvasUri(2, 0)}#xywh=", resource.GetProperty("on").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_Public_ShowsNamesCountsAndTimesButNoUrlsOrErrorText()
    {
        var body = await _client.GetStringAsync(new Uri("/admin/status", UriKind.Relative));

        using var json = JsonDocument.Parse(body);
        Assert.Equal("public", json.RootElement.GetProperty("view").GetString());
        var demo = Assert.Single(json.RootElement.GetProperty("sources").EnumerateArray());
        Assert.Equal("demo", demo.GetProperty("key").GetString());
        Assert.True(demo.GetProperty("lastRun").GetProperty("counts").GetProperty("added").GetInt64() > 0);
        Assert.Equal(JsonValueKind.String, demo.GetProperty("nextFireTime").ValueKind);
        Assert.Equal(JsonValueKind.Null, demo.GetProperty("lastRun").GetProperty("errors").ValueKind);
        Assert.Equal(JsonValueKind.Null, demo.GetProperty("failures").ValueKind);
        var broken = Assert.Single(json.RootElement.GetProperty("invalidSources").EnumerateArray());
        Assert.Equal("broken", broken.GetProperty("key").GetString());
        Assert.Equal(JsonValueKind.Null, broken.GetProperty("errors").ValueKind);
        Assert.DoesNotContain("not-a-url", body, StringComparison.Ordinal);
        Assert.DoesNotContain(new Uri(_demo.Institution.StreamUri).Authority, body, StringComparison.Ordinal);
        Assert.DoesNotContain("http", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Status_WithTheAdminKey_ShowsErrorsAndTheInvalidSourcesProblems()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/status");
        request.Headers.Add("X-Admin-Key", HostFactory.AdminKey);
        using var response = await _client.SendAsync(request);

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("admin", json.RootElement.GetProperty("view").GetString());
        var demo = Assert.Single(json.RootElement.GetProperty("sources").EnumerateArray());
        Assert.Equal(JsonValueKind.Array, demo.GetProperty("lastRun").GetProperty("errors").ValueKind);
        Assert.Equal(JsonValueKind.Array, demo.GetProperty("failures").ValueKind);
        var broken = Assert.Single(json.RootElement.GetProperty("invalidSources").EnumerateArray());
        var errors = string.Join('\n', broken.GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("not-a-url", errors, StringComparison.Ordinal);
        Assert.Contains("whenever", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_LiveAndReady_AnswerOkWhileWritesWork()
    {
        Assert.Equal("ok", await _client.GetStringAsync(new Uri("/healthz", UriKind.Relative)));
        using var ready = await _client.GetAsync(new Uri("/healthz/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("ready", JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Trigger_WithoutKeyIsRefused_WithKeyRunsTheSource()
    {
        using var refused = await _client.PostAsync(new Uri("/admin/sources/demo/harvest", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/sources/demo/harvest");
        request.Headers.Add("X-Admin-Key", HostFactory.AdminKey);
        var before = _host.Services.GetRequiredService<Harvesting.Status.HarvestStatusBoard>().LastRun("demo")!.FinishedAt;
        using var accepted = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (_host.Services.GetRequiredService<Harvesting.Status.HarvestStatusBoard>().LastRun("demo")!.FinishedAt == before)
        {
            Assert.True(DateTime.UtcNow < deadline, "the triggered harvest did not run");
            await Task.Delay(100);
        }

        using var unknown = new HttpRequestMessage(HttpMethod.Post, "/admin/sources/nope/harvest");
        unknown.Headers.Add("X-Admin-Key", HostFactory.AdminKey);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.SendAsync(unknown)).StatusCode);
    }

    [Fact]
    public async Task Discovery_OwnStreamListsEveryChange()
    {
        var store = _host.Services.GetRequiredService<IDocumentStore>();
        var lastSequence = await store.GetLastSequenceAsync(default);
        var live = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var kind in new[] { DocumentKind.Manifest, DocumentKind.Collection })
        {
            await foreach (var info in store.ListAsync("demo", kind, includeDeleted: false, default))
            {
                live.Add(info.Uri);
            }
        }

        var collection = JsonDocument.Parse(await _client.GetStringAsync(new Uri("/iiif/discovery/changes", UriKind.Relative))).RootElement;
        var total = collection.GetProperty("totalItems").GetInt64();
        var seen = 0;
        var newest = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var page = collection.GetProperty("first").GetProperty("id").GetString(); page is not null;)
        {
            var body = JsonDocument.Parse(await _client.GetStringAsync(new Uri(page))).RootElement;
            foreach (var activity in body.GetProperty("orderedItems").EnumerateArray())
            {
                seen++;
                newest[activity.GetProperty("object").GetProperty("canonical").GetString()!] = activity.GetProperty("type").GetString()!;
            }

            page = body.TryGetProperty("next", out var next) ? next.GetProperty("id").GetString() : null;
        }

        // The stream is the whole change log: as many activities as the store numbered changes, and the objects whose
        // newest activity is not a Delete are exactly the store's live manifests and collections (what the log records).
        Assert.True(lastSequence > 0);
        Assert.Equal(lastSequence, total);
        Assert.Equal(lastSequence, seen);
        Assert.NotEmpty(live);
        Assert.Equal(live, newest.Where(a => a.Value != "Delete").Select(a => a.Key).Order(StringComparer.Ordinal));
    }
}

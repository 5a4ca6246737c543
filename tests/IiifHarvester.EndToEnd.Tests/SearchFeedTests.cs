using System.Globalization;
using System.Xml.Linq;
using IiifHarvester.Harvesting.Indexing;
using IiifHarvester.Harvesting.Pipeline;
using IiifHarvester.Iiif.Identity;
using IiifHarvester.Sources;
using IiifHarvester.Storage.Documents;
using IiifHarvester.TestUtilities.Institutions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Xunit;

namespace IiifHarvester.EndToEnd.Tests;

/// <summary>
/// Following a search end to end: an institution's collection harvested through the real host on a fake clock, its
/// feed read, the institution changed (a new matching object; objects re-fetched with the same bytes and listed in one
/// more collection), harvested an hour later, and the feed read again.
/// </summary>
public sealed class SearchFeedTests : IAsyncLifetime
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    // Each read of the clock moves it on a millisecond, so the harvest's rate limits and timers go on as in real time.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };
    private WireMockInstitution _institution = null!;
    private HostFactory _host = null!;
    private HttpClient _client = null!;

    private string Leiden => Object("leiden");

    private string Padua => Object("padua");

    private string Rome => Object("rome");

    private string Basel => Object("basel");

    private string Top => _institution.Url("/library/top.json").AbsoluteUri;

    private string Gardens => _institution.Url("/library/gardens.json").AbsoluteUri;

    public async Task InitializeAsync()
    {
        _institution = WireMockInstitution.Create().WithManifests(1).WithPresentationVersion(3).Build();
        ServeObject("leiden", "Herbal of Leiden");
        ServeObject("padua", "Herbal of Padua");
        ServeObject("rome", "Atlas of Rome");
        _institution.ServeCollection("/library/top.json", "Library", [(Leiden, false, "Leiden"), (Padua, false, "Padua"), (Rome, false, "Rome")], 3);
        _host = new HostFactory(
            new Dictionary<string, string?>
            {
                ["Sources:library:Name"] = "Botanical Library",
                ["Sources:library:Collections:0"] = Top,
                ["Sources:library:AllowPrivateNetworks"] = "true",
                ["Sources:library:RequestsPerSecond"] = "1000",
                ["Sources:library:MaxConcurrency"] = "4",
                ["Sources:library:Schedule"] = "0 0 3 * * ?",
            },
            services => services.AddSingleton<TimeProvider>(_time));
        _client = _host.CreateClient();
        await HarvestAsync();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
        _institution.Dispose();
    }

    [Fact]
    public async Task Feed_NewMatchingObjectHarvested_ComesFirstAtItsChangeTimeAndUnchangedObjectsStay()
    {
        var before = await EntriesAsync("/search/feed?q=herbal");
        var allBefore = await EntriesAsync("/search/feed");
        Assert.Equal([Leiden, Padua], before.Select(e => e.Uri).Order(StringComparer.Ordinal));

        // An hour on, the library publishes a new herbal and lists the Paduan herbal and the atlas in a new
        // collection too; nothing else changes, so the walk fetches the old objects again and finds the same bytes.
        _time.Advance(TimeSpan.FromHours(1));
        var second = _time.GetUtcNow();
        ServeObject("basel", "Herbal of Basel");
        _institution.ServeCollection("/library/gardens.json", "Gardens", [(Padua, false, "Padua"), (Rome, false, "Rome")], 3);
        _institution.ServeCollection(
            "/library/top.json", "Library", [(Leiden, false, "Leiden"), (Padua, false, "Padua"), (Rome, false, "Rome"), (Basel, false, "Basel"), (Gardens, true, "Gardens")], 3);
        await HarvestAsync();
        var after = await EntriesAsync("/search/feed?q=herbal");
        var allAfter = await EntriesAsync("/search/feed");

        // The new herbal first, dated by the change the store recorded for it; the feed changed when it appeared.
        var store = _host.Services.GetRequiredService<IDocumentStore>();
        var basel = await store.GetInfoAsync(Basel, default);
        var logged = Assert.Single(await store.GetChangesAsync(basel!.Sequence - 1, 1, default));
        Assert.Equal(Basel, logged.Uri);
        Assert.True(logged.At >= second);
        Assert.Equal(Basel, after[0].Uri);
        Assert.Equal(Rfc3339(logged.At), after[0].Updated);
        Assert.Equal(after[0].Updated, await FeedUpdatedAsync("/search/feed?q=herbal"));

        // The others were fetched again (and re-indexed for their new collection) yet did not move, nor change date.
        foreach (var uri in new[] { Leiden, Padua, Rome })
        {
            Assert.True((await store.GetInfoAsync(uri, default))!.FetchedAt >= second, $"{uri} was not fetched again");
        }

        Assert.Equal(before, after.Skip(1));
        Assert.Equal(allBefore.Where(e => e.Uri != Top), allAfter.Where(e => e.Uri is not null && e.Uri != Top && e.Uri != Basel && e.Uri != Gardens));

        // The feed is a view of the change log: rebuilt from the store alone, it is the same.
        await _host.Services.GetRequiredService<IndexFeeder>().ReindexAsync(default);
        Assert.Equal(after, await EntriesAsync("/search/feed?q=herbal"));
        Assert.Equal(allAfter, await EntriesAsync("/search/feed"));
    }

    private string Object(string name) => _institution.Url($"/library/{name}.json").AbsoluteUri;

    private void ServeObject(string name, string label)
    {
        var id = Object(name);
        var json = $$"""
            {
              "@context": "http://iiif.io/api/presentation/3/context.json",
              "id": "{{id}}",
              "type": "Manifest",
              "label": { "en": [ "{{label}}" ] },
              "items": [ { "id": "{{id}}/canvas/1", "type": "Canvas", "width": 1000, "height": 1500, "items": [] } ]
            }
            """;
        _institution.Server.Given(Request.Create().UsingGet().WithPath($"/library/{name}.json"))
            .AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/ld+json").WithBody(json));
    }

    private async Task HarvestAsync()
    {
        var definition = _host.Services.GetRequiredService<SourceCatalog>().Find("library")!;
        var result = await _host.Services.GetRequiredService<ISourceHarvester>().HarvestAsync(definition, default);
        Assert.False(result.SourceFailed, string.Join('\n', result.Errors));
        Assert.Empty(result.Errors);
    }

    /// <summary>The feed's entries in order: the object each is of (by its key) and its updated.</summary>
    private async Task<List<(string? Uri, string? Updated)>> EntriesAsync(string url)
    {
        var keys = new[] { Leiden, Padua, Rome, Basel, Top, Gardens }.ToDictionary(ResourceKey.For, u => u);
        var feed = XDocument.Parse(await _client.GetStringAsync(new Uri(url, UriKind.Relative)));
        return [.. feed.Root!.Elements(Atom + "entry").Select(e =>
            (keys.GetValueOrDefault(((string)e.Element(Atom + "id")!).Split('/')[^1]), (string?)e.Element(Atom + "updated")))];
    }

    private async Task<string?> FeedUpdatedAsync(string url) =>
        (string?)XDocument.Parse(await _client.GetStringAsync(new Uri(url, UriKind.Relative))).Root!.Element(Atom + "updated");

    private static string Rfc3339(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

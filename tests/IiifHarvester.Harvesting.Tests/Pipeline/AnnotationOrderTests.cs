using IiifHarvester.Indexing.Querying;
using IiifHarvester.Indexing.Search;
using IiifHarvester.TestUtilities;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Xunit;

namespace IiifHarvester.Harvesting.Tests.Pipeline;

public sealed class AnnotationOrderTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly WireMockServer _server = WireMockServer.Start();

    [Fact]
    public async Task Harvest_TwoListsOnOneCanvas_AreJoinedInTheManifestsOrderWhateverOrderTheFetchesFinishIn()
    {
        // The canvas's first list answers last. Its last line and the second list's first line make a phrase that
        // only matches if the text runs in the manifest's order.
        var baseUrl = _server.Url!;
        var manifest = $"{baseUrl}/m.json";
        var canvas = $"{baseUrl}/canvas/1";
        Serve("/stream.json", $$$"""{"@context":"http://iiif.io/api/discovery/1/context.json","id":"{{{baseUrl}}}/stream.json","type":"OrderedCollection","last":{"id":"{{{baseUrl}}}/page.json","type":"OrderedCollectionPage"}}""");
        Serve("/page.json", $$$"""{"@context":"http://iiif.io/api/discovery/1/context.json","id":"{{{baseUrl}}}/page.json","type":"OrderedCollectionPage","orderedItems":[{"type":"Create","object":{"id":"{{{manifest}}}","type":"Manifest"},"endTime":"2026-01-01T00:00:00Z"}]}""");
        Serve("/m.json", $$$"""
            {"@context":"http://iiif.io/api/presentation/2/context.json","@id":"{{{manifest}}}","@type":"sc:Manifest","label":"Letters",
             "sequences":[{"@type":"sc:Sequence","canvases":[{"@id":"{{{canvas}}}","@type":"sc:Canvas","label":"p. 1","width":1000,"height":1000,
               "otherContent":[{"@id":"{{{baseUrl}}}/list-a.json","@type":"sc:AnnotationList"},{"@id":"{{{baseUrl}}}/list-b.json","@type":"sc:AnnotationList"}]}]}]}
            """);
        Serve("/list-a.json", List(baseUrl, "list-a", canvas, "the quick brown", "fox alpha"), delay: TimeSpan.FromMilliseconds(600));
        Serve("/list-b.json", List(baseUrl, "list-b", canvas, "omega jumps", "over the dog"));
        var settings = HarvestHarness.StreamSource("inst", $"{baseUrl}/stream.json");
        await using var harness = new HarvestHarness(_dir.Path, settings);

        var result = await harness.HarvestAsync("inst");

        Assert.Equal(0, result.Counts.Failed);
        var search = harness.Get<IContentSearch>();
        var scope = SearchScope.For(search.FindByUri(manifest)!);
        Assert.True(UserQuery.TryParse("\"alpha omega\"", 256, 16, out var phrase, out var error), error);
        Assert.Single(search.Search(new ContentSearchRequest { Scope = scope, Query = phrase }).Hits);
        Assert.True(UserQuery.TryParse("\"jumps fox\"", 256, 16, out var reversed, out error), error);
        Assert.Empty(search.Search(new ContentSearchRequest { Scope = scope, Query = reversed }).Hits);
    }

    public void Dispose()
    {
        _server.Stop();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    private static string List(string baseUrl, string name, string canvas, params string[] lines)
    {
        var resources = lines.Select((line, i) =>
            "{\"@id\":\"" + baseUrl + "/" + name + "/" + i + "\",\"@type\":\"oa:Annotation\",\"motivation\":\"sc:painting\"," +
            "\"resource\":{\"@type\":\"cnt:ContentAsText\",\"chars\":\"" + line + "\"}," +
            "\"on\":\"" + canvas + "#xywh=0," + (i * 50) + ",900,40\"}");
        return "{\"@context\":\"http://iiif.io/api/presentation/2/context.json\",\"@id\":\"" + baseUrl + "/" + name + ".json\"," +
            "\"@type\":\"sc:AnnotationList\",\"resources\":[" + string.Join(',', resources) + "]}";
    }

    private void Serve(string path, string body, TimeSpan? delay = null)
    {
        var response = Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(body);
        if (delay is { } d)
        {
            response = response.WithDelay(d);
        }

        _server.Given(Request.Create().WithPath(path).UsingGet()).RespondWith(response);
    }
}

using System.Text.Json.Nodes;
using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Identity;
using IiifHarvester.Iiif.Model;
using IiifHarvester.Indexing.Tests.Fixtures;
using IiifHarvester.Web.Portal;
using Xunit;

namespace IiifHarvester.Web.Tests.Search;

/// <summary>
/// A hit in an annotation on a stretch of an audio or video canvas (<c>#t=</c>, as cookbook recipe 0103's comment
/// on a poetry reading) targets that stretch, with its region where it has one too.
/// </summary>
public sealed class TimeTargetTests : IAsyncLifetime
{
    private const string ManifestUri = "https://demo.example.org/iiif/reading/manifest";
    private static readonly string Key = ResourceKey.For(ManifestUri);
    private static readonly string Canvas = DemoInstitution.Canvas(ManifestUri, 1);
    private SearchApiHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await SearchApiHost.StartAsync();
        _host.Index.Upsert(DemoInstitution.Indexed(
            ManifestUri,
            DemoInstitution.Manifest(ManifestUri, "A Poetry Reading", "en", [Canvas], "Demo Library") with
            {
                // An audio canvas: a duration, no width or height, so no whole-canvas region stands in.
                Canvases = [new Canvas { Id = Canvas, Duration = 1800 }],
            },
            [
                new AnnotationRecord { Text = "Soft laughter, rustling", Motivation = "commenting", CanvasId = Canvas, Time = new TimeRange(702, 705), ManifestId = ManifestUri },
                new AnnotationRecord { Text = "A dog barks by the lectern", Motivation = "commenting", CanvasId = Canvas, Region = new Region(10, 20, 30, 40), Time = new TimeRange(61.5, null), ManifestId = ManifestUri },
            ],
            []));
        _host.Index.Commit(2);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData(1, "laughter", "#t=702,705")]
    [InlineData(2, "laughter", "#t=702,705")]
    [InlineData(1, "barks", "#xywh=10,20,30,40&t=61.5")]
    [InlineData(2, "barks", "#xywh=10,20,30,40&t=61.5")]
    public async Task Search_AnnotationOnAStretchOfTime_TargetsThatStretch(int version, string word, string fragment)
    {
        var json = await _host.GetJsonAsync($"/iiif/search/{version}/{Key}?q={word}");

        var annotation = json[version == 1 ? "resources" : "items"]!.AsArray().Single()!;
        Assert.Equal(Canvas + fragment, (string?)annotation[version == 1 ? "on" : "target"]);
    }

    [Fact]
    public async Task Catalog_HitOnAStretchOfTime_ItsContentStateOpensThatStretch()
    {
        var json = JsonNode.Parse(await _host.Client.GetStringAsync("/iiif/catalog?q=laughter"))!;

        var snippet = Assert.Single(json["items"]!.AsArray())!["snippets"]![0]!;
        var state = JsonNode.Parse(ContentState.Decode((string)snippet["contentState"]!)!)!;
        Assert.Equal(Canvas + "#t=702,705", (string?)state["target"]!["id"]);
        Assert.Equal("Canvas", (string?)state["target"]!["type"]);
    }

    [Fact]
    public async Task Search2_AcrossManifests_CanvasReferenceKeepsTheStretch()
    {
        var json = await _host.GetJsonAsync("/iiif/search/2/all?q=laughter");

        var target = json["items"]!.AsArray().Single()!["target"]!;
        Assert.Equal(Canvas + "#t=702,705", (string?)target["id"]);
        Assert.Equal(ManifestUri, (string?)target["partOf"]![0]!["id"]);
    }
}

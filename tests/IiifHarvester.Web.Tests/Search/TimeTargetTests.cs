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

    [Fact]
    public async Task Portal_ObjectPageSearch_SaysWhenAndCuesTheViewerAtTheFirstHitsMoment()
    {
        var html = await _host.Client.GetStringAsync($"/objects/{Key}?q=laughter");

        Assert.Contains("<span class=\"time\">11:42\u201311:45</span>", html, StringComparison.Ordinal);
        Assert.Contains($"data-canvas=\"{Canvas}\"", html, StringComparison.Ordinal);
        Assert.Contains("data-t=\"702\"", html, StringComparison.Ordinal);
        Assert.Contains($"canvas={Uri.EscapeDataString(Canvas)}&amp;t=702,705#viewer", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(702.0, 705.0, null, "702")]
    [InlineData(61.5, null, "10,20,30,40", "61.5")]
    public async Task Portal_ContentStateOfAStretch_OpensTheViewerOnItsCanvasAtItsStart(double start, double? end, string? xywh, string t)
    {
        var region = xywh is null ? (Region?)null : new Region(10, 20, 30, 40);
        var state = ContentState.Encode(ContentState.ForCanvas($"http://localhost/iiif/manifests/{Key}", Canvas, region, new TimeRange(start, end)));

        var html = await _host.Client.GetStringAsync($"/objects/{Key}?iiif-content={state}");

        Assert.Contains($"data-canvas=\"{Canvas}\"", html, StringComparison.Ordinal);
        Assert.Contains($"data-t=\"{t}\"", html, StringComparison.Ordinal);
        Assert.Equal(xywh is not null, html.Contains($"data-xywh=\"{xywh}\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Portal_ContentStateWithAPointSelectorInTime_OpensTheViewerAtThatMoment()
    {
        // Content State 1.0 §5's way of opening a recording at a moment.
        var json = $$$$"""
            {"@context":"http://iiif.io/api/presentation/3/context.json","type":"Annotation","motivation":["contentState"],
             "target":{"type":"SpecificResource","source":{"id":"{{{{Canvas}}}}","type":"Canvas","partOf":[{"id":"{{{{ManifestUri}}}}","type":"Manifest"}]},
               "selector":{"type":"PointSelector","t":14.5}}}
            """;

        var html = await _host.Client.GetStringAsync($"/objects/{Key}?iiif-content={ContentState.Encode(json)}");

        Assert.Contains($"data-canvas=\"{Canvas}\"", html, StringComparison.Ordinal);
        Assert.Contains("data-t=\"14.5\"", html, StringComparison.Ordinal);
    }
}

using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Identity;
using IiifHarvester.Indexing.Tests.Fixtures;
using Xunit;

namespace IiifHarvester.Web.Tests.Search;

/// <summary>
/// An annotation on no canvas (on the manifest itself, or on a resource the reader does not take for a canvas, such
/// as a Presentation 4 Scene) is found by search, and its target is its manifest: never an empty id.
/// </summary>
public sealed class AnnotationOnNoCanvasTests : IAsyncLifetime
{
    private const string ManifestUri = "https://demo.example.org/iiif/atlas/manifest";
    private static readonly string Key = ResourceKey.For(ManifestUri);
    private SearchApiHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await SearchApiHost.StartAsync();
        var canvas = DemoInstitution.Canvas(ManifestUri, 1);
        _host.Index.Upsert(DemoInstitution.Indexed(
            ManifestUri,
            DemoInstitution.Manifest(ManifestUri, "An Atlas of Gryphons", "en", [canvas], "Demo Library"),
            [
                new AnnotationRecord { Text = "A note on the whole atlas: gryphons throughout", Motivation = "commenting", ManifestId = ManifestUri },
                DemoInstitution.OcrLine(canvas, "Gryphons of the north", 100, 100),
            ],
            []));
        _host.Index.Commit(2);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Search_WithinTheManifest_AnnotationOnNoCanvasTargetsTheManifest(int version)
    {
        var json = await _host.GetJsonAsync($"/iiif/search/{version}/{Key}?q=gryphons");

        var annotations = json[version == 1 ? "resources" : "items"]!.AsArray();
        var targets = annotations.Select(a => (string?)a![version == 1 ? "on" : "target"]).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2, targets.Count);
        Assert.StartsWith(DemoInstitution.Canvas(ManifestUri, 1) + "#xywh=", targets[0], StringComparison.Ordinal);
        Assert.Equal(ManifestUri, targets[1]);
    }

    [Fact]
    public async Task Search2_AcrossManifests_AnnotationOnNoCanvasTargetsAManifestReference()
    {
        var json = await _host.GetJsonAsync("/iiif/search/2/all?q=atlas");

        var target = json["items"]!.AsArray().Single(a => a!["body"]!["value"]!.ToString().StartsWith("A note", StringComparison.Ordinal))!["target"]!;
        Assert.Equal(ManifestUri, (string?)target["id"]);
        Assert.Equal("Manifest", (string?)target["type"]);
        Assert.Equal("An Atlas of Gryphons", (string?)target["label"]!["en"]![0]);
        Assert.Null(target["partOf"]);
    }

    [Fact]
    public async Task Search1_AcrossManifests_AnnotationOnNoCanvasIsOnAManifestReference()
    {
        var json = await _host.GetJsonAsync("/iiif/search/1/all?q=atlas");

        var on = json["resources"]!.AsArray().Single(a => a!["resource"]!["chars"]!.ToString().StartsWith("A note", StringComparison.Ordinal))!["on"]!;
        Assert.Equal(ManifestUri, (string?)on["@id"]);
        Assert.Equal("sc:Manifest", (string?)on["@type"]);
        Assert.Equal("An Atlas of Gryphons", (string?)on["label"]);
        Assert.Null(on["within"]);
    }
}

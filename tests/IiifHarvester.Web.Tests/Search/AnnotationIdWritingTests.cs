using System.Text.Json.Nodes;
using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Identity;
using IiifHarvester.Web.Tests.Portal;
using Xunit;

namespace IiifHarvester.Web.Tests.Search;

/// <summary>
/// Search answers compose annotation ids and canvas targets on the stack rather than in strings of their own; what
/// they write is the same as the strings, for a short canvas id and for one too long for the stack buffer.
/// </summary>
public sealed class AnnotationIdWritingTests : IAsyncLifetime
{
    private const string ShortUri = "https://ids.example.org/iiif/short/manifest";
    private const string LongUri = "https://ids.example.org/iiif/long/manifest";
    private static readonly string ShortCanvas = "https://ids.example.org/iiif/short/canvas/1";
    private static readonly string LongCanvas = "https://ids.example.org/iiif/long/canvas/" + new string('c', 700);

    // "tollbooth" is characters 4-13 of the 27 of a 300-unit line at x 100: its estimated share of the line's box.
    private const string HitFragment = "#xywh=144,200,100,40";
    private SearchApiHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await SearchApiHost.StartAsync();
        _host.Index.Upsert(Indexed(ShortUri, ShortCanvas, 2));
        _host.Index.Upsert(Indexed(LongUri, LongCanvas, 3));
        _host.Index.Commit(3);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string, string> Canvases => new() { { ShortUri, ShortCanvas }, { LongUri, LongCanvas } };

    [Theory]
    [MemberData(nameof(Canvases))]
    public async Task Search1_WithinAndAcross_IdsAndTargetsAreTheCanvasWithItsRegion(string manifest, string canvas)
    {
        var within = await _host.GetJsonAsync($"/iiif/search/1/{ResourceKey.For(manifest)}?q=tollbooth");
        var across = await _host.GetJsonAsync("/iiif/search/1/all?q=tollbooth");

        var resource = Assert.Single(within["resources"]!.AsArray())!;
        Assert.Equal(canvas + HitFragment, (string?)resource["on"]);
        var id = (string)resource["@id"]!;
        Assert.StartsWith($"http://localhost/iiif/annotations/{ResourceKey.For(manifest)}/", id, StringComparison.Ordinal);
        Assert.Equal(ResourceKey.Length, id.Length - id.LastIndexOf('/') - 1);
        Assert.Equal(id, (string?)Assert.Single(within["hits"]!.AsArray())!["annotations"]![0]);

        var acrossResource = across["resources"]!.AsArray().Single(r => (string?)r!["on"]!["within"]!["@id"] == manifest)!;
        Assert.Equal(canvas + HitFragment, (string?)acrossResource["on"]!["@id"]);
        Assert.Equal(id, (string?)acrossResource["@id"]);
    }

    [Theory]
    [MemberData(nameof(Canvases))]
    public async Task Search2_WithinAndAcross_IdsAndTargetsAreTheCanvasWithItsRegion(string manifest, string canvas)
    {
        var v1 = await _host.GetJsonAsync($"/iiif/search/1/{ResourceKey.For(manifest)}?q=tollbooth");
        var within = await _host.GetJsonAsync($"/iiif/search/2/{ResourceKey.For(manifest)}?q=tollbooth");
        var across = await _host.GetJsonAsync("/iiif/search/2/all?q=tollbooth");

        var item = Assert.Single(within["items"]!.AsArray())!;
        Assert.Equal(canvas + HitFragment, (string?)item["target"]);
        Assert.Equal((string?)Assert.Single(v1["resources"]!.AsArray())!["@id"], (string?)item["id"]);
        var hit = Assert.Single(within["annotations"]![0]!["items"]!.AsArray())!;
        Assert.Equal((string?)item["id"], (string?)hit["target"]!["source"]);

        var acrossItem = across["items"]!.AsArray().Single(i => (string?)i!["target"]!["partOf"]![0]!["id"] == manifest)!;
        Assert.Equal(canvas + HitFragment, (string?)acrossItem["target"]!["id"]);
        Assert.Equal((string?)item["id"], (string?)acrossItem["id"]);
    }

    [Fact]
    public void Annotation_FormattedIntoASpan_IsTheSameAsTheString()
    {
        var urls = PublicUrls.For("https://iiif.example.org/harvester");
        var id = urls.Annotation("abcdefghijklmnop", "qrstuvwxyz234567");

        Span<char> buffer = stackalloc char[urls.AnnotationLength("abcdefghijklmnop", "qrstuvwxyz234567")];
        urls.FormatAnnotation(buffer, "abcdefghijklmnop", "qrstuvwxyz234567");

        Assert.Equal("https://iiif.example.org/harvester/iiif/annotations/abcdefghijklmnop/qrstuvwxyz234567", id);
        Assert.Equal(id, buffer.ToString());
    }

    private static Indexing.IndexedResource Indexed(string uri, string canvas, long sequence)
    {
        var json = $$"""
            {
              "@context": "http://iiif.io/api/presentation/3/context.json",
              "id": "{{uri}}",
              "type": "Manifest",
              "label": { "en": [ "Toll ledger" ] },
              "items": [ { "id": "{{canvas}}", "type": "Canvas", "width": 1000, "height": 800, "items": [] } ]
            }
            """;
        return OneAnnotationObject.Indexed(
            uri, json, canvas, null!, "the tollbooth on the bridge", new Region(100, 200, 300, 40),
            harvestedAt: new DateTimeOffset(2026, 1, 2, 3, 0, 0, TimeSpan.Zero),
            changeSequence: sequence,
            changedAt: new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
    }
}

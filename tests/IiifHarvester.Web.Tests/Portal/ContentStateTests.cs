using System.Text;
using System.Text.Json.Nodes;
using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Web.Portal;
using Xunit;

namespace IiifHarvester.Web.Tests.Portal;

public sealed class ContentStateTests
{
    [Fact]
    public void Encode_FollowsTheSpecificationsSteps()
    {
        // Content State 1.0 §6.1: encodeURIComponent, then base64url without padding. The JavaScript of §6.3.1
        // gives, for this JSON, the same string.
        const string json = "{\"id\":\"https://example.org/object1/canvas7#xywh=1000,2000,1000,2000\",\"type\":\"Canvas\"}";
        var expected = Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.EscapeDataString(json)))
            .Replace('+', '-').Replace('/', '_').TrimEnd('=');

        var encoded = ContentState.Encode(json);

        Assert.Equal(expected, encoded);
        Assert.DoesNotContain('=', encoded);
        Assert.Equal(json, ContentState.Decode(encoded));
    }

    [Fact]
    public void Encode_NonAsciiAndJavaScriptUnreservedCharacters_RoundTrip()
    {
        const string json = "{\"label\":\"北京 (it's *fine*!) ~\"}";

        var encoded = ContentState.Encode(json);

        Assert.Equal(json, ContentState.Decode(encoded));
        // encodeURIComponent leaves ( ) ' * ! ~ as they are.
        Assert.Contains("(it's", Encoding.UTF8.GetString(Convert.FromBase64String(Pad(encoded))), StringComparison.Ordinal);
    }

    [Fact]
    public void ForCanvas_IsAContentStateAnnotationOnTheRegionPartOfTheManifest()
    {
        var json = JsonNode.Parse(ContentState.ForCanvas("https://us/iiif/manifests/k", "https://them/canvas/1", new Region(10.4, 20, 30, 40.6)))!;

        Assert.Equal("Annotation", (string?)json["type"]);
        Assert.Equal("contentState", (string?)json["motivation"]![0]);
        Assert.Equal("https://them/canvas/1#xywh=10,20,30,41", (string?)json["target"]!["id"]);
        Assert.Equal("https://us/iiif/manifests/k", (string?)json["target"]!["partOf"]![0]!["id"]);
    }

    [Fact]
    public void ForCanvasAndForManifest_HaveAnIdOfTheirOwn_TheSameForTheSameTarget()
    {
        var region = ContentState.ForCanvas("https://us/iiif/manifests/k", "https://them/canvas/1", new Region(10, 20, 30, 40));
        var again = ContentState.ForCanvas("https://us/iiif/manifests/k", "https://them/canvas/1", new Region(10, 20, 30, 40));
        var canvas = ContentState.ForCanvas("https://us/iiif/manifests/k", "https://them/canvas/1", null);
        var manifest = ContentState.ForManifest("https://us/iiif/manifests/k");

        var ids = new[] { region, canvas, manifest }.Select(j => (string)JsonNode.Parse(j)!["id"]!).ToList();
        Assert.Equal(ids[0], (string?)JsonNode.Parse(again)!["id"]);
        Assert.Equal(3, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.StartsWith("https://us/iiif/manifests/k/content-states/", id, StringComparison.Ordinal));
    }

    [Fact]
    public void Decode_NotBase64_IsNull() => Assert.Null(ContentState.Decode("not base64!"));

    private static string Pad(string value) =>
        value.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (value.Length % 4)) % 4);
}

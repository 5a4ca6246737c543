using System.Text;
using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Indexing;

namespace IiifHarvester.Web.Tests.Portal;

/// <summary>A manifest whose label, summary, metadata and requiredStatement try to run script.</summary>
public static class HostileObject
{
    public const string Uri = "https://hostile.example.org/iiif/manifest";
    public const string Canvas = "https://hostile.example.org/iiif/canvas/1";

    public static readonly string Json = """
        {
          "@context": "http://iiif.io/api/presentation/3/context.json",
          "id": "https://hostile.example.org/iiif/manifest",
          "type": "Manifest",
          "label": { "en": [ "Hostile <script>document.title='pwned'</script> ledger" ] },
          "summary": { "en": [ "<p>A ledger <img src=\"x\" onerror=\"document.title='pwned'\"> <a href=\"javascript:document.title='pwned'\">click</a></p>" ] },
          "metadata": [
            { "label": { "en": [ "Note" ] }, "value": { "en": [ "<div><script>document.title='pwned'</script><b>bold words</b><svg onload=\"document.title='pwned'\"></svg></div>" ] } }
          ],
          "requiredStatement": { "label": { "en": [ "Attribution" ] }, "value": { "en": [ "<span>Hostile Library <a href=\"https://hostile.example.org/\" onclick=\"document.title='pwned'\">home</a></span>" ] } },
          "homepage": [ { "id": "javascript:document.title='pwned'", "type": "Text", "label": { "en": [ "Home" ] }, "format": "text/html" } ],
          "items": [ { "id": "https://hostile.example.org/iiif/canvas/1", "type": "Canvas", "width": 1000, "height": 800, "items": [] } ]
        }
        """;

    public static byte[] Body => Encoding.UTF8.GetBytes(Json);

    public static IndexedResource Indexed() => OneAnnotationObject.Indexed(
        Uri, Json, Canvas, "https://hostile.example.org/iiif/annotation/1", "ledger of the harbour tolls", new Region(100, 200, 300, 40),
        harvestedAt: new DateTimeOffset(2026, 1, 2, 3, 0, 0, TimeSpan.Zero),
        changeSequence: 2,
        changedAt: new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
}

using System.Text;
using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Identity;
using IiifHarvester.Iiif.Model;
using IiifHarvester.Iiif.Parsing;
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

    public static IndexedResource Indexed() => new()
    {
        Key = ResourceKey.For(Uri),
        Uri = Uri,
        SourceKey = "demo",
        SourceName = "Demo Institution",
        Resource = (PresentationResource)(IiifParser.Parse(Json).Document ?? throw new InvalidOperationException(IiifParser.Parse(Json).Error)),
        Annotations =
        [
            new AnnotationRecord
            {
                Id = "https://hostile.example.org/iiif/annotation/1",
                Text = "ledger of the harbour tolls",
                Language = "en",
                Motivation = "supplementing",
                CanvasId = Canvas,
                Region = new Region(100, 200, 300, 40),
                ManifestId = Uri,
            },
        ],
        HarvestedAt = new DateTimeOffset(2026, 1, 2, 3, 0, 0, TimeSpan.Zero),
        ChangeSequence = 2,
        ChangedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
    };
}

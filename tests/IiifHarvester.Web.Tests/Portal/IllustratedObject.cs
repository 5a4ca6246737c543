using System.Text;
using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Identity;
using IiifHarvester.Indexing;

namespace IiifHarvester.Web.Tests.Portal;

/// <summary>A manifest whose canvas is painted with an Image API service: the portal shows its thumbnail and crops of hits through our image proxy.</summary>
public static class IllustratedObject
{
    public const string Uri = "https://maps.example.org/iiif/harbour/manifest";
    public const string Canvas = "https://maps.example.org/iiif/harbour/canvas/1";
    public const string ImageService = "https://maps.example.org/iiif/image/harbour";

    public static readonly string Json = $$"""
        {
          "@context": "http://iiif.io/api/presentation/3/context.json",
          "id": "{{Uri}}",
          "type": "Manifest",
          "label": { "en": [ "Chart of the harbour" ] },
          "items": [ {
            "id": "{{Canvas}}", "type": "Canvas", "width": 2000, "height": 1000,
            "items": [ { "id": "{{Canvas}}/page", "type": "AnnotationPage", "items": [ {
              "id": "{{Canvas}}/image", "type": "Annotation", "motivation": "painting", "target": "{{Canvas}}",
              "body": { "id": "{{ImageService}}/full/max/0/default.jpg", "type": "Image", "format": "image/jpeg", "width": 4000, "height": 2000,
                "service": [ { "id": "{{ImageService}}", "type": "ImageService3", "profile": "level1" } ] }
            } ] } ]
          } ]
        }
        """;

    public static string Key => ResourceKey.For(Uri);

    public static byte[] Body => Encoding.UTF8.GetBytes(Json);

    public static IndexedResource Indexed() => OneAnnotationObject.Indexed(
        Uri, Json, Canvas, "https://maps.example.org/iiif/harbour/annotation/1", "soundings at the lighthouse", new Region(400, 300, 200, 40),
        harvestedAt: new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
        changeSequence: 3,
        changedAt: new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
}

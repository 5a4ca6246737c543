using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Identity;
using IiifHarvester.Iiif.Model;
using IiifHarvester.Iiif.Parsing;
using IiifHarvester.Indexing;

namespace IiifHarvester.Web.Tests.Portal;

/// <summary>A test manifest of the demo institution, indexed with one supplementing English annotation on its canvas.</summary>
internal static class OneAnnotationObject
{
    public static IndexedResource Indexed(
        string uri, string json, string canvas, string annotationId, string text, Region region,
        DateTimeOffset harvestedAt, long changeSequence, DateTimeOffset changedAt)
    {
        var parsed = IiifParser.Parse(json);
        return new IndexedResource
        {
            Key = ResourceKey.For(uri),
            Uri = uri,
            SourceKey = "demo",
            SourceName = "Demo Institution",
            Resource = parsed.Document as PresentationResource ?? throw new InvalidOperationException(parsed.Error),
            Annotations =
            [
                new AnnotationRecord
                {
                    Id = annotationId,
                    Text = text,
                    Language = "en",
                    Motivation = "supplementing",
                    CanvasId = canvas,
                    Region = region,
                    ManifestId = uri,
                },
            ],
            HarvestedAt = harvestedAt,
            ChangeSequence = changeSequence,
            ChangedAt = changedAt,
        };
    }
}

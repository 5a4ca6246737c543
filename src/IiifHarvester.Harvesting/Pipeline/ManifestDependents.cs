using IiifHarvester.Iiif.Model;
using IiifHarvester.Storage.Documents;

namespace IiifHarvester.Harvesting.Pipeline;

/// <summary>The documents a manifest owns, in the manifest's own order.</summary>
internal static class ManifestDependents
{
    /// <summary>
    /// The manifest's annotation lists or pages, then each canvas's in canvas order, then (when asked for) the OCR
    /// files its canvases reference. Repeats are left in; the first occurrence is the one that counts.
    /// </summary>
    public static IEnumerable<(string Uri, DocumentKind Kind)> InOrder(PresentationResource manifest, bool includeOcr)
    {
        foreach (var reference in manifest.AnnotationReferences.Concat(manifest.Canvases.SelectMany(c => c.AnnotationReferences)))
        {
            yield return (reference.Id, DocumentKind.Annotations);
        }

        if (includeOcr)
        {
            foreach (var ocr in manifest.Canvases.SelectMany(c => c.OcrReferences))
            {
                yield return (ocr.Uri, DocumentKind.Ocr);
            }
        }
    }
}

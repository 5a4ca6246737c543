using IiifHarvester.Iiif.Model;
using IiifHarvester.Storage.Documents;

namespace IiifHarvester.Harvesting.Pipeline;

/// <summary>The documents a manifest owns, in the manifest's own order.</summary>
internal static class ManifestDependents
{
    /// <summary>
    /// What the parser finds a manifest linking, as a version: raised whenever it comes to find links it did not
    /// (2: PAGE XML and WebVTT captions), so that manifests harvested before, unchanged since, have their new
    /// dependents fetched once (see <see cref="ManifestHarvester.RevisitDependentsAsync"/>).
    /// </summary>
    public const int LinksVersion = 2;

    /// <summary>The checkpoint naming the links version (and whether OCR was fetched) a source's manifests were harvested with.</summary>
    public const string CheckpointName = "dependents";

    /// <summary>The checkpoint's value for <paramref name="includeOcr"/> at this <see cref="LinksVersion"/>.</summary>
    public static string CheckpointValue(bool includeOcr) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{LinksVersion};{(includeOcr ? "ocr" : "no-ocr")}");

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

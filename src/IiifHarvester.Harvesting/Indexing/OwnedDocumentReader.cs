using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Model;
using IiifHarvester.Iiif.Ocr;
using IiifHarvester.Iiif.Parsing;
using IiifHarvester.Storage.Documents;

namespace IiifHarvester.Harvesting.Indexing;

/// <summary>Turns a stored annotation or OCR document owned by a manifest into annotation records.</summary>
internal static class OwnedDocumentReader
{
    public static IReadOnlyList<AnnotationRecord> Read(StoredDocument document, string manifestUri, IReadOnlyDictionary<string, Canvas> canvases, out string? error)
    {
        error = null;
        if (document.Info.Kind == DocumentKind.Ocr)
        {
            return ReadOcr(document, manifestUri, canvases, out error);
        }

        var outcome = IiifParser.Parse(document.Body, new IiifParserOptions { DocumentUri = document.Info.Uri });
        if (outcome.Document is not AnnotationContainer container)
        {
            error = outcome.Error ?? $"not an annotation list or page but {outcome.Document?.GetType().Name}";
            return [];
        }

        return container.Annotations.Select(a => a with { ManifestId = manifestUri }).ToList();
    }

    private static IReadOnlyList<AnnotationRecord> ReadOcr(StoredDocument document, string manifestUri, IReadOnlyDictionary<string, Canvas> canvases, out string? error)
    {
        // The canvas whose seeAlso/rendering named the file gives the coordinates to scale the OCR page to.
        var canvas = canvases.Values.FirstOrDefault(c => c.OcrReferences.Any(o => string.Equals(o.Uri, document.Info.Uri, StringComparison.Ordinal)));
        if (canvas is null)
        {
            error = "no canvas of the manifest references this OCR file any more";
            return [];
        }

        var reference = canvas.OcrReferences.First(o => string.Equals(o.Uri, document.Info.Uri, StringComparison.Ordinal));
        var outcome = OcrParser.Parse(document.Body.Span, reference.Format, new OcrTarget(canvas.Id, canvas.Width, canvas.Height, manifestUri)
        {
            Language = reference.Language,
            TimeOffset = reference.Time?.Start ?? 0,
        });
        error = outcome.Error;
        return outcome.Records.Select(a => a with { ManifestId = manifestUri, CanvasId = a.CanvasId ?? canvas.Id }).ToList();
    }
}

using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Model;
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

        var outcome = IiifParser.Parse(document.Body.Span, new IiifParserOptions { DocumentUri = document.Info.Uri });
        if (outcome.Document is not AnnotationContainer container)
        {
            error = outcome.Error ?? $"not an annotation list or page but {outcome.Document?.GetType().Name}";
            return [];
        }

        return container.Annotations.Select(a => a with { ManifestId = manifestUri }).ToList();
    }

    private static IReadOnlyList<AnnotationRecord> ReadOcr(StoredDocument document, string manifestUri, IReadOnlyDictionary<string, Canvas> canvases, out string? error)
    {
        error = "OCR documents are not read yet";
        return [];
    }
}

using System.Text;
using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Model;
using IiifHarvester.Indexing.Analysis;
using IiifHarvester.Indexing.Search;
using Lucene.Net.Documents;
using Lucene.Net.Util;

namespace IiifHarvester.Indexing.Schema;

/// <summary>
/// Builds the text documents of a resource. The annotations of one canvas that share motivation, creator and date
/// become one document whose text is their texts joined in reading order, one line each: a phrase that runs on
/// from one OCR line to the next matches (positions run on across the join), and the stored layout maps any
/// matched offsets back to the annotations, their regions and their word boxes. What a hit needs is one binary doc
/// value (<see cref="PageRecord"/>), not stored fields. Motivation, creator and date stay
/// exact per document, so the Content Search <c>motivation</c>, <c>user</c> and <c>date</c> filters are exact.
/// </summary>
internal static class TextDocumentBuilder
{
    public const char LineSeparator = '\n';

    public static IEnumerable<Document> Build(IndexedResource indexed)
    {
        var resource = indexed.Resource;
        var canvasOrder = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < resource.Canvases.Count; i++)
        {
            canvasOrder.TryAdd(resource.Canvases[i].Id, i);
        }

        var groups = indexed.Annotations
            .Where(a => !string.IsNullOrWhiteSpace(a.Text))
            .GroupBy(a => new GroupKey(a.CanvasId ?? string.Empty, a.Motivation, a.Creator ?? string.Empty, a.Created, TextKinds.Of(a)))
            .OrderBy(g => canvasOrder.TryGetValue(g.Key.Canvas, out var order) ? order : int.MaxValue)
            .ThenBy(g => g.Key.Motivation, StringComparer.Ordinal);

        foreach (var group in groups)
        {
            var canvas = resource.Canvases.FirstOrDefault(c => c.Id == group.Key.Canvas);
            yield return BuildOne(indexed, group.Key, [.. group], canvas);
        }
    }

    private static Document BuildOne(IndexedResource indexed, GroupKey key, List<AnnotationRecord> annotations, Canvas? canvas)
    {
        var text = new StringBuilder();
        var lines = new List<PageLine>(annotations.Count);
        foreach (var annotation in annotations)
        {
            if (text.Length > 0)
            {
                text.Append(LineSeparator);
            }

            var start = text.Length;
            text.Append(annotation.Text);
            var words = annotation.Words
                .Where(w => w.Start >= 0 && w.Length > 0 && w.Start + w.Length <= annotation.Text.Length)
                .ToList();
            lines.Add(new PageLine(start, annotation.Text.Length, annotation.Id, annotation.Region, annotation.Language, words, annotation.Time));
        }

        var joined = text.ToString();
        var language = DominantLanguage(annotations) ?? SingleLanguage(indexed.Resource);
        var record = new PageRecord
        {
            Text = joined,
            Layout = new PageLayout(canvas?.Width, canvas?.Height, lines),
            ManifestUri = indexed.Uri,
            ManifestKey = indexed.Key,
            ManifestLabel = indexed.Resource.Label,
            CanvasId = key.Canvas,
            Motivation = key.Motivation,
            Creator = key.Creator.Length > 0 ? key.Creator : null,
            CreatedMillis = key.Created?.ToUnixTimeMilliseconds(),
            Language = language,
        };
        var doc = new Document
        {
            new KeywordField(FieldNames.DocType, FieldNames.DocTypeText, Field.Store.NO),
            new KeywordField(FieldNames.Owner, indexed.Uri, Field.Store.NO),
            new KeywordField(FieldNames.Manifest, indexed.Uri, Field.Store.YES),
            new KeywordField(FieldNames.Source, indexed.SourceKey, Field.Store.NO),
            new KeywordField(FieldNames.Canvas, key.Canvas, Field.Store.YES),
            new KeywordField(FieldNames.TextKind, key.Kind, Field.Store.NO),
            new Field(FieldNames.Text, joined, FieldTypes.TextWithOffsets),
            new BinaryDocValuesField(FieldNames.Page, new BytesRef(record.Encode())),
            new BinaryDocValuesField(FieldNames.ImageService, new BytesRef(CanvasImage.Of(canvas)?.Encode() ?? string.Empty)),
            new NumericDocValuesField(FieldNames.LineCount, lines.Count),
        };

        foreach (var token in Motivations.IndexTokens(key.Motivation))
        {
            doc.Add(new KeywordField(FieldNames.Motivation, token, Field.Store.NO));
        }

        // A manifest's text is searched in every collection it is in, at any depth; a collection's own text is
        // searched only within that collection.
        if (indexed.Resource.Kind == PresentationKind.Manifest)
        {
            foreach (var collection in indexed.AllCollections)
            {
                doc.Add(new KeywordField(FieldNames.Collection, collection, Field.Store.NO));
            }
        }

        if (key.Creator.Length > 0)
        {
            doc.Add(new KeywordField(FieldNames.Creator, key.Creator, Field.Store.YES));
        }

        if (key.Created is { } created)
        {
            doc.Add(new Int64Field(FieldNames.Created, created.ToUnixTimeMilliseconds(), Field.Store.YES));
        }

        if (language is not null)
        {
            doc.Add(new KeywordField(FieldNames.Language, language, Field.Store.YES));
            if (Stemmers.LanguageFor(language) is { } stemLanguage)
            {
                doc.Add(new Field(FieldNames.StemmedText(stemLanguage), joined, FieldTypes.TextWithOffsets));
            }
        }

        return doc;
    }

    private static string? DominantLanguage(List<AnnotationRecord> annotations) =>
        annotations
            .Where(a => !string.IsNullOrWhiteSpace(a.Language))
            .GroupBy(a => a.Language!, StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(g => g.Count())
            .Select(g => g.Key)
            .FirstOrDefault();

    private static string? SingleLanguage(PresentationResource resource)
    {
        var languages = resource.Languages.Where(l => l != LanguageMap.None).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return languages.Count == 1 ? languages[0] : null;
    }

    /// <summary>The Image API service of the canvas's first image that has one (for crops of hits), or null.</summary>
    private readonly record struct GroupKey(string Canvas, string Motivation, string Creator, DateTimeOffset? Created, string Kind);
}

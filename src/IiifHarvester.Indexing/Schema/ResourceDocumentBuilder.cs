using System.Text;
using IiifHarvester.Iiif.Html;
using IiifHarvester.Iiif.Model;
using IiifHarvester.Indexing.Search;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace IiifHarvester.Indexing.Schema;

/// <summary>
/// Builds the resource document of a manifest or collection: every field a catalog filters (source, provider,
/// type, language, rights), sorts (label, navDate, canvas count) or shows (label, summary, metadata, thumbnail),
/// plus the collections it is in (its parents, stored, and every collection above them) and the members it lists.
/// </summary>
internal static class ResourceDocumentBuilder
{
    private const int MaxSortLength = 1024;

    public static Document Build(IndexedResource indexed)
    {
        var resource = indexed.Resource;
        var doc = new Document
        {
            new KeywordField(FieldNames.DocType, FieldNames.DocTypeResource, Field.Store.NO),
            new KeywordField(FieldNames.Owner, indexed.Uri, Field.Store.NO),
            new KeywordField(FieldNames.Uri, indexed.Uri, Field.Store.YES),
            new KeywordField(FieldNames.Key, indexed.Key, Field.Store.YES),
            new KeywordField(FieldNames.Source, indexed.SourceKey, Field.Store.YES),
            new SortedSetDocValuesField(FieldNames.FacetSource, new BytesRef(indexed.SourceKey)),
            new StoredField(FieldNames.SourceName, indexed.SourceName),
            new StoredField(FieldNames.Label, LanguageMapJson.Serialize(resource.Label)),
            new StoredField(FieldNames.Summary, LanguageMapJson.Serialize(resource.Summary)),
            new StoredField(FieldNames.Metadata, LanguageMapJson.SerializeMetadata(resource.Metadata)),
            new Int64Field(FieldNames.HarvestedAt, indexed.HarvestedAt.ToUnixTimeMilliseconds(), Field.Store.YES),
            new Int64Field(FieldNames.ChangedAt, indexed.ChangedAt.ToUnixTimeMilliseconds(), Field.Store.YES),
            new NumericDocValuesField(FieldNames.ChangedAtSort, indexed.ChangedAt.ToUnixTimeMilliseconds()),
            new StoredField(FieldNames.ChangeSequence, indexed.ChangeSequence),
            new NumericDocValuesField(FieldNames.ChangeSequenceSort, indexed.ChangeSequence),
            new StoredField(FieldNames.Version, (int)resource.Version),
        };

        var kind = resource.Kind.ToString();
        doc.Add(new KeywordField(FieldNames.Kind, kind, Field.Store.YES));
        doc.Add(new SortedSetDocValuesField(FieldNames.FacetType, new BytesRef(kind)));

        var canvasCount = resource.Canvases.Count;
        doc.Add(new Int32Field(FieldNames.CanvasCount, canvasCount, Field.Store.YES));

        if (resource.NavDate is { } navDate)
        {
            var millis = navDate.ToUnixTimeMilliseconds();
            doc.Add(new Int64Field(FieldNames.NavDate, millis, Field.Store.YES));
            doc.Add(new NumericDocValuesField(FieldNames.NavDateSort, millis));
        }

        if (!string.IsNullOrWhiteSpace(resource.Rights))
        {
            doc.Add(new KeywordField(FieldNames.Rights, resource.Rights, Field.Store.YES));
            doc.Add(new SortedSetDocValuesField(FieldNames.FacetRights, new BytesRef(resource.Rights)));
        }

        AddDistinct(doc, FieldNames.TextKind, FieldNames.FacetTextKind,
            indexed.Annotations.Where(a => !string.IsNullOrWhiteSpace(a.Text)).Select(TextKinds.Of));
        AddDistinct(doc, FieldNames.Provider, FieldNames.FacetProvider, ProviderNames(resource));
        AddDistinct(doc, FieldNames.Language, FieldNames.FacetLanguage,
            resource.Languages.Where(l => l != LanguageMap.None));

        // Lucene refuses a term or a doc value over 32766 bytes, and with it the whole resource (and every catch-up after
        // it); labels holding a whole transcription exist. Sorting needs only a label's start.
        var labelText = resource.Label.GetValue() ?? string.Empty;
        doc.Add(new SortedDocValuesField(FieldNames.LabelSort, new BytesRef(Start(TextNormalizer.Fold(labelText), MaxSortLength))));
        foreach (var label in resource.Label.AllValues.Distinct(StringComparer.Ordinal))
        {
            var exact = TextNormalizer.Fold(HtmlText.ToPlainText(label));
            if (Encoding.UTF8.GetByteCount(exact) <= IndexWriter.MAX_TERM_LENGTH)
            {
                doc.Add(new KeywordField(FieldNames.LabelExact, exact, Field.Store.NO));
            }
        }

        foreach (var entry in resource.Metadata)
        {
            foreach (var value in entry.Value.AllValues)
            {
                var plain = TextNormalizer.Fold(HtmlText.ToPlainText(value));
                if (plain.Length is > 0 and < 256)
                {
                    doc.Add(new KeywordField(FieldNames.MetadataExact, plain, Field.Store.NO));
                }
            }
        }

        doc.Add(new TextField(FieldNames.All, AllText(indexed), Field.Store.NO));

        var thumbnail = (resource.Thumbnail.Count > 0 ? resource.Thumbnail[0].Id : null)
            ?? resource.Canvases.SelectMany(c => c.Thumbnail).FirstOrDefault()?.Id;
        if (thumbnail is not null)
        {
            doc.Add(new StoredField(FieldNames.Thumbnail, thumbnail));
        }

        var startCanvas = resource.Canvases.FirstOrDefault(c => c.Id == resource.StartCanvas) ?? (resource.Canvases.Count > 0 ? resource.Canvases[0] : null);
        if (CanvasImage.Of(startCanvas)?.Service is { } thumbnailService)
        {
            doc.Add(new StoredField(FieldNames.ThumbnailService, thumbnailService));
        }

        foreach (var parent in indexed.ParentCollections.Distinct(StringComparer.Ordinal))
        {
            doc.Add(new KeywordField(FieldNames.Parent, parent, Field.Store.YES));
        }

        foreach (var collection in indexed.AllCollections)
        {
            doc.Add(new KeywordField(FieldNames.Collection, collection, Field.Store.NO));
        }

        foreach (var member in resource.Members)
        {
            var prefix = member.Kind == PresentationKind.Collection ? "C|" : "M|";
            doc.Add(new StoredField(FieldNames.Member, prefix + member.Id));
        }

        return doc;
    }

    /// <summary>At most the first <paramref name="length"/> characters of <paramref name="text"/>, never half a surrogate pair.</summary>
    private static string Start(string text, int length)
    {
        if (text.Length <= length)
        {
            return text;
        }

        return text[..(char.IsHighSurrogate(text[length - 1]) ? length - 1 : length)];
    }

    private static IEnumerable<string> ProviderNames(PresentationResource resource) =>
        resource.Providers
            .Select(p => p.Label.GetValue())
            .Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l => HtmlText.ToPlainText(l!));

    private static void AddDistinct(Document doc, string field, string facet, IEnumerable<string> values)
    {
        foreach (var value in values.Where(v => v.Length > 0).Distinct(StringComparer.Ordinal))
        {
            doc.Add(new KeywordField(field, value, Field.Store.YES));
            doc.Add(new SortedSetDocValuesField(facet, new BytesRef(value)));
        }
    }

    private static string AllText(IndexedResource indexed)
    {
        var resource = indexed.Resource;
        var parts = new List<string>();
        parts.AddRange(resource.Label.AllValues);
        parts.AddRange(resource.Summary.AllValues);
        foreach (var entry in resource.Metadata)
        {
            parts.AddRange(entry.Label.AllValues);
            parts.AddRange(entry.Value.AllValues);
        }

        if (resource.RequiredStatement is { } statement)
        {
            parts.AddRange(statement.Value.AllValues);
        }

        parts.AddRange(ProviderNames(resource));
        parts.Add(indexed.SourceName);
        return string.Join('\n', parts.Select(HtmlText.ToPlainText));
    }
}

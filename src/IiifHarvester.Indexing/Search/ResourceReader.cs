using IiifHarvester.Iiif.Model;
using IiifHarvester.Indexing.Schema;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace IiifHarvester.Indexing.Search;

/// <summary>Finds resource documents and reads them back as <see cref="ResourceSummary"/>.</summary>
internal static class ResourceReader
{
    public static ResourceSummary? Find(IndexSearcher searcher, string field, string value)
    {
        var query = new BooleanQuery
        {
            { new TermQuery(new Term(FieldNames.DocType, FieldNames.DocTypeResource)), Occur.MUST },
            { new TermQuery(new Term(field, value)), Occur.MUST },
        };
        var top = searcher.Search(query, 1);
        return top.TotalHits == 0 ? null : Read(searcher.Doc(top.ScoreDocs[0].Doc));
    }

    /// <summary>
    /// The scope of the resource with key <paramref name="key"/> (only resource documents carry a key): its postings
    /// read directly and only its kind and URI loaded, where <see cref="Find"/> runs a query and reads and parses
    /// every stored field (labels, metadata), a fifth of a collection search's time.
    /// </summary>
    public static SearchScope? FindScope(IndexSearcher searcher, string key)
    {
        var term = new Term(FieldNames.Key, key);
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            var reader = leaf.AtomicReader;
            var docs = reader.GetTermDocsEnum(term);
            if (docs is null || docs.NextDoc() is var doc && doc == DocIdSetIterator.NO_MORE_DOCS)
            {
                continue;
            }

            var fields = new DocumentStoredFieldVisitor(FieldNames.Kind, FieldNames.Uri);
            reader.Document(doc, fields);
            return SearchScope.For(KindOf(fields.Document), fields.Document.Get(FieldNames.Uri));
        }

        return null;
    }

    public static ResourceSummary Read(Document doc)
    {
        var navDate = doc.GetField(FieldNames.NavDate)?.GetInt64Value();
        var harvested = doc.GetField(FieldNames.HarvestedAt)?.GetInt64Value();
        var changed = doc.GetField(FieldNames.ChangedAt)?.GetInt64Value();
        return new ResourceSummary
        {
            Key = doc.Get(FieldNames.Key),
            Uri = doc.Get(FieldNames.Uri),
            Kind = KindOf(doc),
            Version = (IiifVersion)(doc.GetField(FieldNames.Version)?.GetInt32Value() ?? 0),
            Label = LanguageMapJson.Deserialize(doc.Get(FieldNames.Label)),
            Summary = LanguageMapJson.Deserialize(doc.Get(FieldNames.Summary)),
            Metadata = LanguageMapJson.DeserializeMetadata(doc.Get(FieldNames.Metadata)),
            SourceKey = doc.Get(FieldNames.Source) ?? string.Empty,
            SourceName = doc.Get(FieldNames.SourceName),
            Providers = doc.GetValues(FieldNames.Provider),
            Languages = doc.GetValues(FieldNames.Language),
            Rights = doc.Get(FieldNames.Rights),
            NavDate = navDate is { } n ? DateTimeOffset.FromUnixTimeMilliseconds(n) : null,
            CanvasCount = doc.GetField(FieldNames.CanvasCount)?.GetInt32Value() ?? 0,
            Thumbnail = doc.Get(FieldNames.Thumbnail),
            ThumbnailService = doc.Get(FieldNames.ThumbnailService),
            HarvestedAt = harvested is { } h ? DateTimeOffset.FromUnixTimeMilliseconds(h) : null,
            ChangedAt = changed is { } c ? DateTimeOffset.FromUnixTimeMilliseconds(c) : null,
            ChangeSequence = doc.GetField(FieldNames.ChangeSequence)?.GetInt64Value() ?? 0,
            ParentCollections = doc.GetValues(FieldNames.Parent),
        };
    }

    /// <summary>A resource document's kind; a manifest when it is missing or unknown.</summary>
    private static PresentationKind KindOf(Document doc) =>
        Enum.TryParse<PresentationKind>(doc.Get(FieldNames.Kind), out var kind) ? kind : PresentationKind.Manifest;
}

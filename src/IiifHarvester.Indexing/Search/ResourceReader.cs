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

    public static ResourceSummary Read(Document doc)
    {
        var navDate = doc.GetField(FieldNames.NavDate)?.GetInt64Value();
        var harvested = doc.GetField(FieldNames.HarvestedAt)?.GetInt64Value();
        var changed = doc.GetField(FieldNames.ChangedAt)?.GetInt64Value();
        return new ResourceSummary
        {
            Key = doc.Get(FieldNames.Key),
            Uri = doc.Get(FieldNames.Uri),
            Kind = Enum.TryParse<PresentationKind>(doc.Get(FieldNames.Kind), out var kind) ? kind : PresentationKind.Manifest,
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
}

using IiifHarvester.Indexing.Analysis;
using IiifHarvester.Indexing.Querying;
using IiifHarvester.Indexing.Schema;
using IiifHarvester.Indexing.Search;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace IiifHarvester.Indexing.Catalog;

/// <summary>
/// The union catalog over resource documents: words over label, summary, metadata and providers; filters on the
/// exact-match fields; facet counts from SortedSetDocValues over every result (not just the page).
/// </summary>
internal static class CatalogSearcher
{
    private static readonly (string Name, string Field, string DocValues)[] Facets =
    [
        ("source", FieldNames.Source, FieldNames.FacetSource),
        ("provider", FieldNames.Provider, FieldNames.FacetProvider),
        ("language", FieldNames.Language, FieldNames.FacetLanguage),
        ("type", FieldNames.Kind, FieldNames.FacetType),
        ("rights", FieldNames.Rights, FieldNames.FacetRights),
    ];

    public static CatalogResult Search(IndexSearcher searcher, TextAnalyzer analyzer, CatalogRequest request, int pageSize, int facetLimit)
    {
        var query = new BooleanQuery
        {
            { new TermQuery(new Term(FieldNames.DocType, FieldNames.DocTypeResource)), Occur.MUST },
        };
        if (request.Query is not null)
        {
            var parts = QueryCompiler.Compile(request.Query, analyzer, FieldNames.All, []);
            query.Add(QueryCompiler.ToQuery(parts), Occur.MUST);
        }

        AddAny(query, FieldNames.Source, request.Sources);
        AddAny(query, FieldNames.Provider, request.Providers);
        AddAny(query, FieldNames.Language, request.Languages);
        AddAny(query, FieldNames.Kind, request.Types);

        var page = Math.Max(1, request.Page);
        var wanted = (int)Math.Min(int.MaxValue, (long)page * pageSize);
        var top = request.Query is null
            ? searcher.Search(query, null, wanted, new Sort(new SortField(FieldNames.LabelSort, SortFieldType.STRING)))
            : searcher.Search(query, wanted);

        var items = top.ScoreDocs
            .Skip((page - 1) * pageSize)
            .Select(d => ResourceReader.Read(searcher.Doc(d.Doc)))
            .ToList();

        var all = new DocListCollector(searcher.IndexReader.Leaves.Count);
        searcher.Search(query, all);
        return new CatalogResult
        {
            Total = top.TotalHits,
            Page = page,
            PageSize = pageSize,
            Items = items,
            Facets = CountFacets(searcher, all, facetLimit),
            Generation = ((DirectoryReader)searcher.IndexReader).Version,
        };
    }

    private static void AddAny(BooleanQuery query, string field, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        var any = new BooleanQuery();
        foreach (var value in values)
        {
            any.Add(new TermQuery(new Term(field, value)), Occur.SHOULD);
        }

        query.Add(any, Occur.MUST);
    }

    private static Dictionary<string, IReadOnlyList<FacetValue>> CountFacets(IndexSearcher searcher, DocListCollector docs, int limit)
    {
        var result = new Dictionary<string, IReadOnlyList<FacetValue>>(StringComparer.Ordinal);
        foreach (var (name, _, docValuesField) in Facets)
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            var scratch = new BytesRef();
            foreach (var leaf in searcher.IndexReader.Leaves)
            {
                var matches = docs.DocsOf(leaf.Ord);
                var values = matches.Count == 0 ? null : leaf.AtomicReader.GetSortedSetDocValues(docValuesField);
                if (values is null)
                {
                    continue;
                }

                var perOrd = new int[values.ValueCount];
                foreach (var doc in matches)
                {
                    values.SetDocument(doc);
                    long ord;
                    while ((ord = values.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
                    {
                        perOrd[ord]++;
                    }
                }

                for (var ord = 0; ord < perOrd.Length; ord++)
                {
                    if (perOrd[ord] > 0)
                    {
                        values.LookupOrd(ord, scratch);
                        var key = scratch.Utf8ToString();
                        counts[key] = counts.GetValueOrDefault(key) + perOrd[ord];
                    }
                }
            }

            result[name] = counts
                .OrderByDescending(p => p.Value)
                .ThenBy(p => p.Key, StringComparer.Ordinal)
                .Take(limit)
                .Select(p => new FacetValue(p.Key, p.Value))
                .ToList();
        }

        return result;
    }
}

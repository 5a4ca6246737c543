using IiifHarvester.Indexing.Schema;
using Lucene.Net.Index;
using Lucene.Net.Queries;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace IiifHarvester.Indexing.Search;

/// <summary>
/// Turns a scope into a clause on text documents. A collection's manifests are found at query time by walking
/// down from it, through the collection's own member list and through the resources that name it as a parent,
/// at any depth (cycles and repeats are visited once), so re-parenting needs no reindex of the manifests.
/// </summary>
internal static class ScopeResolver
{
    public static Query? ToQuery(IndexSearcher searcher, SearchScope scope, int maxManifests)
    {
        switch (scope.Kind)
        {
            case SearchScopeKind.Manifest:
                return new TermQuery(new Term(FieldNames.Manifest, scope.Uri));
            case SearchScopeKind.Collection:
                var manifests = ManifestsUnder(searcher, scope.Uri!, maxManifests);
                if (manifests.Count == 0)
                {
                    return new BooleanQuery { { new TermQuery(new Term(FieldNames.DocType, "none")), Occur.MUST } };
                }

                var filter = new TermsFilter(FieldNames.Manifest, manifests.Select(m => new BytesRef(m)).ToList());
                return new ConstantScoreQuery(filter);
            default:
                return null;
        }
    }

    public static HashSet<string> ManifestsUnder(IndexSearcher searcher, string collectionUri, int maxManifests)
    {
        var manifests = new HashSet<string>(StringComparer.Ordinal);
        var visited = new HashSet<string>(StringComparer.Ordinal) { collectionUri };
        var queue = new Queue<string>();
        queue.Enqueue(collectionUri);
        var fields = new HashSet<string>(StringComparer.Ordinal) { FieldNames.Uri, FieldNames.Kind };
        var memberFields = new HashSet<string>(StringComparer.Ordinal) { FieldNames.Member };
        while (queue.Count > 0 && manifests.Count < maxManifests)
        {
            var current = queue.Dequeue();

            // Members the collection lists.
            var selfDoc = FindDoc(searcher, current);
            if (selfDoc >= 0)
            {
                var doc = searcher.Doc(selfDoc, memberFields);
                foreach (var member in doc.GetValues(FieldNames.Member))
                {
                    Visit(member.Length > 2 && member[0] == 'C', member[2..]);
                }
            }

            // Resources that name it as a parent.
            var children = new DocListCollector(searcher.IndexReader.Leaves.Count);
            searcher.Search(new TermQuery(new Term(FieldNames.Parent, current)), children);
            foreach (var leaf in searcher.IndexReader.Leaves)
            {
                foreach (var doc in children.DocsOf(leaf.Ord))
                {
                    var child = searcher.Doc(leaf.DocBase + doc, fields);
                    Visit(child.Get(FieldNames.Kind) == "Collection", child.Get(FieldNames.Uri));
                }
            }
        }

        return manifests;

        void Visit(bool isCollection, string uri)
        {
            if (isCollection)
            {
                if (visited.Add(uri))
                {
                    queue.Enqueue(uri);
                }
            }
            else if (manifests.Count < maxManifests)
            {
                manifests.Add(uri);
            }
        }
    }

    private static int FindDoc(IndexSearcher searcher, string uri)
    {
        var query = new BooleanQuery
        {
            { new TermQuery(new Term(FieldNames.DocType, FieldNames.DocTypeResource)), Occur.MUST },
            { new TermQuery(new Term(FieldNames.Uri, uri)), Occur.MUST },
        };
        var top = searcher.Search(query, 1);
        return top.TotalHits == 0 ? -1 : top.ScoreDocs[0].Doc;
    }
}

using IiifHarvester.Iiif.Model;
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
    private static readonly HashSet<string> MemberFields = new(StringComparer.Ordinal) { FieldNames.Member };
    private static readonly HashSet<string> UriFields = new(StringComparer.Ordinal) { FieldNames.Uri };

    public static Query? ToQuery(IndexSearcher searcher, SearchScope scope, int maxManifests)
    {
        switch (scope.Kind)
        {
            case SearchScopeKind.Manifest:
                return new TermQuery(new Term(FieldNames.Manifest, scope.Uri));
            case SearchScopeKind.Collection:
                return CollectionQuery(searcher, scope.Uri!, maxManifests);
            default:
                return null;
        }
    }

    /// <summary>
    /// Text documents of the manifests under a collection. Walks the collections only (each visited collection's
    /// own member list, and the collections that name it as parent): text documents carry their manifest's parent
    /// collections, so "names a visited collection as parent" selects the manifests found by parent without
    /// reading one of their documents, and the member lists add the manifests they list. The collections' own text
    /// documents are left out, as in the walk by manifests. When the manifests may be more than
    /// <paramref name="maxManifests"/>, the walk by manifests (which stops at that many) decides.
    /// </summary>
    private static Query CollectionQuery(IndexSearcher searcher, string collectionUri, int maxManifests)
    {
        var collections = new List<string> { collectionUri };
        var visited = new HashSet<string>(StringComparer.Ordinal) { collectionUri };
        var listed = new HashSet<string>(StringComparer.Ordinal);
        long manifests = 0;
        for (var i = 0; i < collections.Count && manifests <= maxManifests; i++)
        {
            var current = collections[i];
            var selfDoc = FindDoc(searcher, current);
            if (selfDoc >= 0)
            {
                foreach (var member in searcher.Doc(selfDoc, MemberFields).GetValues(FieldNames.Member))
                {
                    if (member.Length > 2 && member[0] == 'C')
                    {
                        Add(member[2..]);
                    }
                    else if (listed.Add(member[2..]))
                    {
                        manifests++;
                    }
                }
            }

            var children = new DocListCollector(searcher.IndexReader.Leaves.Count);
            searcher.Search(Children(current, nameof(PresentationKind.Collection)), children);
            foreach (var leaf in searcher.IndexReader.Leaves)
            {
                foreach (var doc in children.DocsOf(leaf.Ord))
                {
                    Add(searcher.Doc(leaf.DocBase + doc, UriFields).Get(FieldNames.Uri));
                }
            }

            var named = new TotalHitCountCollector();
            searcher.Search(Children(current, nameof(PresentationKind.Manifest)), named);
            manifests += named.TotalHits;
        }

        if (manifests > maxManifests)
        {
            return ByManifests(ManifestsUnder(searcher, collectionUri, maxManifests));
        }

        var query = new BooleanQuery
        {
            { new ConstantScoreQuery(new TermsFilter(FieldNames.Collection, collections.Select(c => new BytesRef(c)).ToList())), Occur.SHOULD },
            { new ConstantScoreQuery(new TermsFilter(FieldNames.Manifest, collections.Select(c => new BytesRef(c)).ToList())), Occur.MUST_NOT },
        };
        if (listed.Count > 0)
        {
            query.Add(ByManifests(listed), Occur.SHOULD);
        }

        query.MinimumNumberShouldMatch = 1;
        return query;

        void Add(string uri)
        {
            if (visited.Add(uri))
            {
                collections.Add(uri);
            }
        }
    }

    private static Query ByManifests(HashSet<string> manifests) => manifests.Count == 0
        ? new BooleanQuery { { new TermQuery(new Term(FieldNames.DocType, "none")), Occur.MUST } }
        : new ConstantScoreQuery(new TermsFilter(FieldNames.Manifest, manifests.Select(m => new BytesRef(m)).ToList()));

    private static BooleanQuery Children(string parent, string kind) => new()
    {
        { new TermQuery(new Term(FieldNames.Parent, parent)), Occur.MUST },
        { new TermQuery(new Term(FieldNames.Kind, kind)), Occur.MUST },
    };

    /// <summary>The manifests under a collection, at most <paramref name="maxManifests"/>, by walking every child.</summary>
    public static HashSet<string> ManifestsUnder(IndexSearcher searcher, string collectionUri, int maxManifests)
    {
        var manifests = new HashSet<string>(StringComparer.Ordinal);
        var visited = new HashSet<string>(StringComparer.Ordinal) { collectionUri };
        var queue = new Queue<string>();
        queue.Enqueue(collectionUri);
        var fields = new HashSet<string>(StringComparer.Ordinal) { FieldNames.Uri, FieldNames.Kind };
        while (queue.Count > 0 && manifests.Count < maxManifests)
        {
            var current = queue.Dequeue();

            // Members the collection lists.
            var selfDoc = FindDoc(searcher, current);
            if (selfDoc >= 0)
            {
                var doc = searcher.Doc(selfDoc, MemberFields);
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

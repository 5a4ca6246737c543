using IiifHarvester.Indexing.Schema;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace IiifHarvester.Indexing.Search;

/// <summary>
/// Turns a scope into a clause on text documents. A manifest's text documents carry every collection the manifest
/// is in, at any depth, as the store records membership when collections are harvested (a re-parented collection
/// logs a change for everything under it, so the index follows); a collection scope is one term. A collection's own
/// text documents carry none, so a collection scope leaves them out.
/// </summary>
internal static class ScopeResolver
{
    public static Query? ToQuery(SearchScope scope) => scope.Kind switch
    {
        SearchScopeKind.Manifest => new TermQuery(new Term(FieldNames.Manifest, scope.Uri)),
        SearchScopeKind.Collection => new TermQuery(new Term(FieldNames.Collection, scope.Uri)),
        _ => null,
    };
}

using IiifHarvester.Iiif.Identity;
using IiifHarvester.Indexing.Search;
using IiifHarvester.Storage.Documents;

namespace IiifHarvester.Web.Manifests;

/// <summary>The harvested collections that list a resource, as our copies of them (labels from the index when it has them).</summary>
internal static class CollectionCopies
{
    public static async Task<IReadOnlyList<CollectionCopy>> FindAsync(IDocumentStore store, IContentSearch? search, string uri, CancellationToken cancellationToken)
    {
        var memberships = await store.GetCollectionsOfAsync(uri, cancellationToken);
        return memberships
            .Where(m => m.Depth == 1)
            .Select(m => new CollectionCopy(ResourceKey.For(m.CollectionUri), m.CollectionUri, search?.FindByUri(m.CollectionUri)?.Label))
            .ToList();
    }
}

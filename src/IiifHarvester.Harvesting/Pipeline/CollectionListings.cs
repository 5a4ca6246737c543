using IiifHarvester.Iiif.Model;
using IiifHarvester.Storage.Collections;

namespace IiifHarvester.Harvesting.Pipeline;

/// <summary>What a harvested collection document lists, under the URIs the harvest stores its members at.</summary>
internal static class CollectionListings
{
    /// <summary>
    /// The listing of <paramref name="collection"/>, fetched at <paramref name="listingUri"/>, whose members belong to
    /// <paramref name="collectionUri"/> (the paged collection, for a page). Manifests are stored at the id listed,
    /// collections at the URI the walk fetched (the id as an absolute URI); members with no absolute id are left out.
    /// </summary>
    public static CollectionListing Of(string listingUri, string collectionUri, string sourceKey, PresentationResource collection) => new()
    {
        ListingUri = listingUri,
        CollectionUri = collectionUri,
        SourceKey = sourceKey,
        Members = collection.Members
            .Select(m => Uri.TryCreate(m.Id, UriKind.Absolute, out var uri) ? (m.Kind == PresentationKind.Collection ? uri.AbsoluteUri : m.Id) : null)
            .OfType<string>()
            .ToList(),
    };
}

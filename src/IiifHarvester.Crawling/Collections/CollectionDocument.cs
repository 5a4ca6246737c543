using IiifHarvester.Crawling.Fetching;
using IiifHarvester.Iiif.Model;

namespace IiifHarvester.Crawling.Collections;

/// <summary>A collection (or a page of a paged v2 collection) fetched and parsed; the pipeline stores it.</summary>
/// <param name="Uri">The URI fetched.</param>
/// <param name="Fetch">The fetch: <see cref="FetchStatus.Ok"/>, or <see cref="FetchStatus.NotModified"/> when the stored copy was walked.</param>
/// <param name="Collection">The parsed collection.</param>
/// <param name="Body">The bytes parsed (the stored copy's on a 304).</param>
/// <param name="Depth">Nesting below the root (pages share their collection's depth).</param>
/// <param name="ParentId">The collection that listed it (or, for a page, the collection it pages); null for the root.</param>
public sealed record CollectionDocument(Uri Uri, FetchResult Fetch, PresentationResource Collection, ReadOnlyMemory<byte> Body, int Depth, string? ParentId)
    : CollectionWalkItem
{
    /// <summary>
    /// For a page of a paged Presentation 2 collection (§5.3), the URI the paged collection was fetched at: the
    /// page's members are that collection's members. Null for a collection.
    /// </summary>
    public string? PageOf { get; init; }

    /// <summary>True when the server said 304 and the stored copy was walked.</summary>
    public bool IsUnchanged => Fetch.Status == FetchStatus.NotModified;
}

namespace IiifHarvester.Storage.Collections;

/// <summary>
/// What one collection document lists: the members it names, as members of the collection it is (or, for a page of
/// a paged Presentation 2 collection, of the collection it is a page of).
/// </summary>
public sealed record CollectionListing
{
    /// <summary>The document that names the members: the collection itself, or one of its pages.</summary>
    public required string ListingUri { get; init; }

    /// <summary>The collection the members belong to (the paged collection for a page; else <see cref="ListingUri"/>).</summary>
    public required string CollectionUri { get; init; }

    /// <summary>The source the listing was harvested from.</summary>
    public required string SourceKey { get; init; }

    /// <summary>The manifests and collections named, in any order; repeats are kept once.</summary>
    public required IReadOnlyCollection<string> Members { get; init; }
}

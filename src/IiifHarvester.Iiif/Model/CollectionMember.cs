namespace IiifHarvester.Iiif.Model;

/// <summary>A member of a collection: a manifest or a collection, by reference or embedded.</summary>
public sealed record CollectionMember
{
    /// <summary>The member's id, resolved against the collection id when relative.</summary>
    public required string Id { get; init; }

    /// <summary>Manifest or collection.</summary>
    public required PresentationKind Kind { get; init; }

    /// <summary>The label, per language.</summary>
    public LanguageMap Label { get; init; } = LanguageMap.Empty;

    /// <summary>The member's navDate when the collection gives it.</summary>
    public DateTimeOffset? NavDate { get; init; }

    /// <summary>Thumbnails given for the member.</summary>
    public IReadOnlyList<LinkedResource> Thumbnail { get; init; } = [];

    /// <summary>The members of an embedded sub-collection (v2 nested <c>collections</c>/<c>manifests</c>, v3 nested <c>items</c>); empty when referenced only.</summary>
    public IReadOnlyList<CollectionMember> Members { get; init; } = [];
}

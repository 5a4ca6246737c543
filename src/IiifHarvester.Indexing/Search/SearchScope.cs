using IiifHarvester.Iiif.Model;

namespace IiifHarvester.Indexing.Search;

/// <summary>What a search runs over: everything, one manifest, or one collection with everything under it.</summary>
/// <param name="Kind">The kind of scope.</param>
/// <param name="Uri">The manifest's or collection's URI; null for <see cref="SearchScopeKind.All"/>.</param>
public sealed record SearchScope(SearchScopeKind Kind, string? Uri)
{
    /// <summary>The whole aggregate.</summary>
    public static SearchScope All { get; } = new(SearchScopeKind.All, null);

    /// <summary>The scope of one harvested resource.</summary>
    public static SearchScope For(ResourceSummary resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return For(resource.Kind, resource.Uri);
    }

    /// <summary>The scope of the resource of kind <paramref name="kind"/> at <paramref name="uri"/>.</summary>
    public static SearchScope For(PresentationKind kind, string uri) =>
        new(kind == PresentationKind.Collection ? SearchScopeKind.Collection : SearchScopeKind.Manifest, uri);
}

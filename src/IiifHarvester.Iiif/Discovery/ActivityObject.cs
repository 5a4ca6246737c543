using IiifHarvester.Iiif.Model;

namespace IiifHarvester.Iiif.Discovery;

/// <summary>The object, target or origin of an activity.</summary>
public sealed record ActivityObject
{
    /// <summary>The object's id.</summary>
    public required string Id { get; init; }

    /// <summary>The object's type (<c>Manifest</c>, <c>Collection</c>, <c>OrderedCollection</c>...) when given.</summary>
    public string? Type { get; init; }

    /// <summary>The object's canonical URI, when given (§2.4).</summary>
    public string? Canonical { get; init; }

    /// <summary>Links to other descriptions of the object.</summary>
    public IReadOnlyList<LinkedResource> SeeAlso { get; init; } = [];
}

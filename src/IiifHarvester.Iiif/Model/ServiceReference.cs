namespace IiifHarvester.Iiif.Model;

/// <summary>
/// A service a resource declares: Image API, Content Search, autocomplete, auth, or anything else. Bare string
/// services become a reference with only <see cref="Id"/>.
/// </summary>
public sealed record ServiceReference
{
    /// <summary>The service's id (<c>@id</c>/<c>id</c>); null only when the publisher omitted it.</summary>
    public string? Id { get; init; }

    /// <summary>The type (<c>ImageService2</c>, <c>SearchService1</c>, <c>AuthCookieService1</c>...), when given.</summary>
    public string? Type { get; init; }

    /// <summary>The profile: a URI, or for Image API services the first compliance-level URI or level name.</summary>
    public string? Profile { get; init; }

    /// <summary>The <c>@context</c> when the service carries one (how v2 declares its API version).</summary>
    public string? Context { get; init; }

    /// <summary>Nested services (autocomplete inside search, token services inside auth).</summary>
    public IReadOnlyList<ServiceReference> Services { get; init; } = [];

    /// <summary>The kind of service, classified from type, profile and context.</summary>
    public ServiceKind Kind { get; init; }
}

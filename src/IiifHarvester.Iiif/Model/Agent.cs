namespace IiifHarvester.Iiif.Model;

/// <summary>A provider (v3 <c>provider</c>) or, for v2, the logo/attribution owner synthesised from <c>logo</c>.</summary>
public sealed record Agent
{
    /// <summary>The agent's id, when given.</summary>
    public string? Id { get; init; }

    /// <summary>The agent's name, per language.</summary>
    public LanguageMap Label { get; init; } = LanguageMap.Empty;

    /// <summary>The agent's homepages.</summary>
    public IReadOnlyList<LinkedResource> Homepage { get; init; } = [];

    /// <summary>The agent's logos.</summary>
    public IReadOnlyList<LinkedResource> Logo { get; init; } = [];

    /// <summary>The agent's seeAlso links.</summary>
    public IReadOnlyList<LinkedResource> SeeAlso { get; init; } = [];
}

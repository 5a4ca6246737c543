using IiifHarvester.Iiif.Parsing;

namespace IiifHarvester.Iiif.Discovery;

/// <summary>An activity published as a document of its own (Change Discovery 1.0 §3.3: "if published separately").</summary>
public sealed record ActivityDocument : IiifDocument
{
    /// <summary>The activity.</summary>
    public required Activity Activity { get; init; }
}

using System.Diagnostics;

namespace IiifHarvester.Indexing;

/// <summary>The tracing source of the index: one span per search, autocomplete and catalog request.</summary>
public static class IndexingTelemetry
{
    /// <summary>The ActivitySource name to listen to.</summary>
    public const string SourceName = "IiifHarvester.Indexing";

    internal static readonly ActivitySource Source = new(SourceName);
}

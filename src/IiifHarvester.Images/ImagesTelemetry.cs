using System.Diagnostics;

namespace IiifHarvester.Images;

/// <summary>Tracing for the image proxy: a span per upstream fetch and per composed image.</summary>
public static class ImagesTelemetry
{
    /// <summary>The activity source name.</summary>
    public const string Name = "IiifHarvester.Images";

    /// <summary>The activity source.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name);
}

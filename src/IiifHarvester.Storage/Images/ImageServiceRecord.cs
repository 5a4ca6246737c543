namespace IiifHarvester.Storage.Images;

/// <summary>An Image API service named by a harvested document, as the image proxy needs to find it.</summary>
public sealed record ImageServiceRecord
{
    /// <summary>The stable key (<c>ResourceKey.ForImageService</c>).</summary>
    public required string Key { get; init; }

    /// <summary>The service id as published (no trailing <c>/info.json</c>).</summary>
    public required string ServiceId { get; init; }

    /// <summary>The profile or type as published, when known.</summary>
    public string? Profile { get; init; }

    /// <summary>The source whose document named it.</summary>
    public required string SourceKey { get; init; }

    /// <summary>The manifest that named it first.</summary>
    public required string ManifestUri { get; init; }
}

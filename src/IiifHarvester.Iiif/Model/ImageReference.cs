namespace IiifHarvester.Iiif.Model;

/// <summary>An image painted on a canvas, with its Image API service when there is one.</summary>
public sealed record ImageReference
{
    /// <summary>The image resource's id (a full image URL for v2 <c>resource</c> / v3 painting body).</summary>
    public string? ResourceId { get; init; }

    /// <summary>The media type of the image resource, when given.</summary>
    public string? Format { get; init; }

    /// <summary>Pixel width of the image resource, when given.</summary>
    public int? Width { get; init; }

    /// <summary>Pixel height of the image resource, when given.</summary>
    public int? Height { get; init; }

    /// <summary>The Image API service, when there is one.</summary>
    public ServiceReference? Service { get; init; }
}

namespace IiifHarvester.Images.Requests;

/// <summary>A parsed region parameter, before it is resolved against the image's size.</summary>
public sealed record RegionSpec(RegionKind Kind, double X = 0, double Y = 0, double W = 0, double H = 0)
{
    /// <summary>The <c>full</c> region.</summary>
    public static RegionSpec Full { get; } = new(RegionKind.Full);
}

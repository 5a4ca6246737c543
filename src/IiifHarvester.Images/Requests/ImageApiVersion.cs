namespace IiifHarvester.Images.Requests;

/// <summary>The Image API version an upstream speaks; we answer each service in its upstream's own version.</summary>
public enum ImageApiVersion
{
    /// <summary>Image API 2.x (2.0, 2.1): <c>@id</c>, profile as a list, size <c>full</c>, no <c>^</c>.</summary>
    V2 = 2,

    /// <summary>Image API 3.0: <c>id</c>, <c>type: ImageService3</c>, <c>^</c> upscaling, size <c>max</c>.</summary>
    V3 = 3,
}

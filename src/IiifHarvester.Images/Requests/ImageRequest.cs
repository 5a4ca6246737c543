namespace IiifHarvester.Images.Requests;

/// <summary>A syntactically valid image request, before it is resolved against the image.</summary>
public sealed record ImageRequest(RegionSpec Region, SizeSpec Size, bool Mirror, double Rotation, string Quality, string Format);

namespace IiifHarvester.Images.Info;

/// <summary>A <c>tiles</c> entry of info.json: tile width and height and the scale factors tiles exist at.</summary>
public sealed record TileSpec(int Width, int Height, IReadOnlyList<int> ScaleFactors);

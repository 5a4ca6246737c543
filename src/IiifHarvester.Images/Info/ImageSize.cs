namespace IiifHarvester.Images.Info;

/// <summary>A width and height in pixels (a <c>sizes</c> entry of info.json, or a resolved output size).</summary>
public readonly record struct ImageSize(int Width, int Height);

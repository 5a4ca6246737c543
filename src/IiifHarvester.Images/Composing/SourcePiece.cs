namespace IiifHarvester.Images.Composing;

/// <summary>
/// One upstream image that a composed answer is built from: its upstream path and where it lands on the working canvas
/// (in pixels of the chosen scale). <see cref="CachePath"/> is the canonical form of the same request, so a piece
/// fetched for a composition and the same tile asked by a viewer share one cache entry.
/// </summary>
public sealed record SourcePiece(string UpstreamPath, string CachePath, int Left, int Top, int Width, int Height);

namespace IiifHarvester.Images.Composing;

/// <summary>
/// How to build a region from upstream pieces: paste <see cref="Pieces"/> on a canvas of
/// <see cref="CanvasWidth"/>×<see cref="CanvasHeight"/>, crop the crop box, and resize to the output.
/// </summary>
public sealed record CompositionPlan(
    IReadOnlyList<SourcePiece> Pieces,
    int CanvasWidth,
    int CanvasHeight,
    double CropLeft,
    double CropTop,
    double CropWidth,
    double CropHeight);

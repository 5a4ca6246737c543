namespace IiifHarvester.Iiif.Ocr;

/// <summary>The factors that take OCR page coordinates to canvas coordinates.</summary>
internal static class OcrScale
{
    /// <summary>
    /// Canvas size over page size when both are known (this also converts ALTO mm10 and inch1200 units, since the
    /// page size is in the same unit); 1 otherwise, with a warning unless the units are already canvas pixels.
    /// </summary>
    public static (double X, double Y) Of(double? pageWidth, double? pageHeight, OcrTarget target, string unit, List<string> warnings)
    {
        if (pageWidth is > 0 && pageHeight is > 0 && target.CanvasWidth is > 0 && target.CanvasHeight is > 0)
        {
            return (target.CanvasWidth.Value / pageWidth.Value, target.CanvasHeight.Value / pageHeight.Value);
        }

        if (target.CanvasWidth is null || target.CanvasHeight is null)
        {
            AddOnce(warnings, "the canvas size is unknown; coordinates are kept in OCR page units");
        }
        else if (unit != "pixel")
        {
            AddOnce(warnings, $"the page size is not given and units are {unit}; coordinates cannot be scaled to the canvas and are kept as is");
        }
        else
        {
            AddOnce(warnings, "the page size is not given; pixel coordinates are taken as canvas coordinates");
        }

        return (1, 1);
    }

    private static void AddOnce(List<string> warnings, string warning)
    {
        if (!warnings.Contains(warning))
        {
            warnings.Add(warning);
        }
    }
}

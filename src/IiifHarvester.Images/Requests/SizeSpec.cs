namespace IiifHarvester.Images.Requests;

/// <summary>A parsed size parameter, before it is resolved against the region.</summary>
/// <param name="Kind">The form.</param>
/// <param name="Upscale">Whether the 3.0 <c>^</c> prefix allowed upscaling.</param>
/// <param name="Width">w, when the form has one.</param>
/// <param name="Height">h, when the form has one.</param>
/// <param name="Percent">n of <c>pct:n</c>.</param>
public sealed record SizeSpec(SizeKind Kind, bool Upscale = false, int? Width = null, int? Height = null, double Percent = 0);

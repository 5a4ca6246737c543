namespace IiifHarvester.Iiif.Annotations;

/// <summary>Where one word of an annotation's text lies on the canvas (word-level OCR).</summary>
/// <param name="Start">Offset of the word in <see cref="AnnotationRecord.Text"/>.</param>
/// <param name="Length">Length of the word in characters.</param>
/// <param name="Region">The word's box in canvas coordinates.</param>
public readonly record struct WordBox(int Start, int Length, Region Region);

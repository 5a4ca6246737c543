using IiifHarvester.Iiif.Annotations;

namespace IiifHarvester.Indexing.Schema;

/// <summary>One annotation inside a text document: where its text lies in the document's text, and where on the canvas.</summary>
/// <param name="Start">Offset of the annotation's text in the document text.</param>
/// <param name="Length">Length of the annotation's text.</param>
/// <param name="Id">The published annotation id, or null (OCR lines) for a derived one.</param>
/// <param name="Region">The annotation's region on the canvas, or null for the whole canvas.</param>
/// <param name="Language">The annotation's language, when given.</param>
/// <param name="Words">Word boxes, with offsets relative to the annotation's own text.</param>
/// <param name="Time">The stretch of a time-based canvas the annotation targets, when it names one.</param>
internal sealed record PageLine(int Start, int Length, string? Id, Region? Region, string? Language, IReadOnlyList<WordBox> Words, TimeRange? Time = null)
{
    /// <summary>Where the annotation's text ends in the document text.</summary>
    public int End => Start + Length;
}

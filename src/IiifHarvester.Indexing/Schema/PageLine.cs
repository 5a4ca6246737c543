using IiifHarvester.Iiif.Annotations;

namespace IiifHarvester.Indexing.Schema;

/// <summary>One annotation inside a text document: where its text lies in the document's text, and where on the canvas.</summary>
/// <param name="Start">Offset of the annotation's text in the document text.</param>
/// <param name="Length">Length of the annotation's text.</param>
/// <param name="Id">The published annotation id, or null (OCR lines) for a derived one.</param>
/// <param name="Region">The annotation's region on the canvas, or null for the whole canvas.</param>
/// <param name="Language">The annotation's language, when given.</param>
/// <param name="Words">Word boxes, with offsets relative to the annotation's own text.</param>
internal sealed record PageLine(int Start, int Length, string? Id, Region? Region, string? Language, IReadOnlyList<WordBox> Words)
{
    /// <summary>Where the annotation's text ends in the document text.</summary>
    public int End => Start + Length;
}

namespace IiifHarvester.Iiif.Annotations;

/// <summary>
/// One textual annotation, whatever it came from (v2 list, v3 page, embedded annotation, ALTO or hOCR line):
/// what the index holds and Content Search answers with.
/// </summary>
public sealed record AnnotationRecord
{
    /// <summary>The annotation's id as published; null for OCR lines, which get a derived id when indexed.</summary>
    public string? Id { get; init; }

    /// <summary>The plain text of the body (HTML bodies reduced to text).</summary>
    public required string Text { get; init; }

    /// <summary>The body's language (BCP 47), when given.</summary>
    public string? Language { get; init; }

    /// <summary>The body's media type as published (<c>text/plain</c>, <c>text/html</c>).</summary>
    public string? Format { get; init; }

    /// <summary>
    /// The motivation without prefix, lowercase (<c>painting</c>, <c>supplementing</c>, <c>commenting</c>,
    /// <c>transcribing</c>...); <c>supplementing</c> for OCR; empty when none was given.
    /// </summary>
    public string Motivation { get; init; } = string.Empty;

    /// <summary>The target canvas id, fragment stripped; null when the target is not a canvas.</summary>
    public string? CanvasId { get; init; }

    /// <summary>The region on the canvas, null for the whole canvas.</summary>
    public Region? Region { get; init; }

    /// <summary>The stretch of a time-based canvas it targets (<c>#t=</c>), when it names one.</summary>
    public TimeRange? Time { get; init; }

    /// <summary>The manifest the annotation belongs to, when known.</summary>
    public string? ManifestId { get; init; }

    /// <summary>The annotation's creator, when given (Content Search <c>user</c>).</summary>
    public string? Creator { get; init; }

    /// <summary>When the annotation was created or last modified, when given (Content Search <c>date</c>).</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>Word boxes for word-level OCR; empty otherwise.</summary>
    public IReadOnlyList<WordBox> Words { get; init; } = [];
}

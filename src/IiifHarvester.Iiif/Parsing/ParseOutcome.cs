namespace IiifHarvester.Iiif.Parsing;

/// <summary>
/// What a parser made of a document: the document with warnings for what was odd, or a precise reason it was
/// rejected. Parsers return this; they do not throw for bad input.
/// </summary>
public sealed record ParseOutcome
{
    /// <summary>The document, or null when rejected.</summary>
    public IiifDocument? Document { get; init; }

    /// <summary>Why the document was rejected; null when accepted.</summary>
    public string? Error { get; init; }

    /// <summary>What was odd but tolerated, each with a JSON path where it helps (<c>$.items[3].width: ...</c>).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>True when a document was understood.</summary>
    public bool IsSuccess => Document is not null;

    /// <summary>A rejection with <paramref name="error"/>.</summary>
    public static ParseOutcome Rejected(string error, IReadOnlyList<string>? warnings = null) =>
        new() { Error = error, Warnings = warnings ?? [] };

    /// <summary>An acceptance of <paramref name="document"/>.</summary>
    public static ParseOutcome Accepted(IiifDocument document, IReadOnlyList<string>? warnings = null) =>
        new() { Document = document, Warnings = warnings ?? [] };
}

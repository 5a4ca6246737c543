using IiifHarvester.Iiif.Annotations;

namespace IiifHarvester.Indexing.Schema;

/// <summary>
/// The kind of text an annotation carries, for the portal's "kind of text" facet: OCR (machine-read lines, with
/// word boxes or without a published id, but for caption cues), commentary (<c>commenting</c>, <c>describing</c>, <c>tagging</c>...),
/// and transcription (every other textual annotation: <c>painting</c>, <c>supplementing</c>, <c>transcribing</c>).
/// </summary>
public static class TextKinds
{
    /// <summary>Text read by OCR.</summary>
    public const string Ocr = "ocr";

    /// <summary>Transcriptions made by people, published as annotations.</summary>
    public const string Transcription = "transcription";

    /// <summary>Comments, descriptions and tags on a region.</summary>
    public const string Commentary = "commentary";

    /// <summary>Every kind, in the order a page lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Transcription, Ocr, Commentary];

    /// <summary>The kind of <paramref name="annotation"/>.</summary>
    public static string Of(AnnotationRecord annotation)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        var motivation = Motivations.Normalize(annotation.Motivation);
        if (motivation is "commenting" or "describing" or "tagging" or "classifying" or "identifying" or "questioning" or "replying" or "assessing" or "editing" or "highlighting" or "bookmarking" or "linking")
        {
            return Commentary;
        }

        // Captions and subtitles (WebVTT cues) are transcriptions of speech, though, like OCR lines, they have no id.
        return annotation.Words.Count > 0 || (annotation.Id is null && annotation.Format != "text/vtt") ? Ocr : Transcription;
    }
}

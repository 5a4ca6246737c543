namespace IiifHarvester.Indexing.Schema;

/// <summary>How annotation motivations are indexed and matched (Content Search 1.0 §3.2.1, 2.0 §3.2).</summary>
internal static class Motivations
{
    /// <summary>Indexed for every annotation that has a motivation, so <c>non-painting</c> can require one.</summary>
    public const string Any = "_any";

    public const string Painting = "painting";
    public const string NonPainting = "non-painting";

    /// <summary>
    /// The motivation tokens an annotation is indexed with: its own, plus <c>painting</c> for Presentation 3
    /// transcriptions (<c>supplementing</c>, <c>transcribing</c>), which Presentation 2 and Search 1.0 call
    /// <c>sc:painting</c>.
    /// </summary>
    public static IEnumerable<string> IndexTokens(string motivation)
    {
        var value = Normalize(motivation);
        if (value.Length == 0)
        {
            yield break;
        }

        yield return Any;
        yield return value;
        if (value is "supplementing" or "transcribing")
        {
            yield return Painting;
        }
    }

    /// <summary>True for text written on the canvas (transcriptions, OCR, untyped text), not for comments or tags.</summary>
    public static bool IsTranscription(string motivation) =>
        Normalize(motivation) is "" or Painting or "supplementing" or "transcribing";

    /// <summary>A motivation as requested or published, without its prefix, lowercase (<c>sc:painting</c> → <c>painting</c>).</summary>
    public static string Normalize(string motivation)
    {
        var value = motivation.Trim();
        var colon = value.LastIndexOf(':');
        if (colon >= 0 && !value.StartsWith("http", StringComparison.OrdinalIgnoreCase))
        {
            value = value[(colon + 1)..];
        }

        return value.ToLowerInvariant();
    }
}

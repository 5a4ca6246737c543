using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Snowball;

namespace IiifHarvester.Indexing.Analysis;

/// <summary>The Snowball stemmers we index a language-specific field with, by primary language subtag.</summary>
internal static class Stemmers
{
    private static readonly Dictionary<string, string> SnowballNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = "English", ["de"] = "German", ["fr"] = "French", ["es"] = "Spanish", ["it"] = "Italian",
        ["nl"] = "Dutch", ["pt"] = "Portuguese", ["sv"] = "Swedish", ["da"] = "Danish", ["no"] = "Norwegian",
        ["fi"] = "Finnish", ["ru"] = "Russian", ["hu"] = "Hungarian", ["ro"] = "Romanian", ["tr"] = "Turkish",
        ["ca"] = "Catalan", ["eu"] = "Basque", ["ga"] = "Irish", ["hy"] = "Armenian",
    };

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["nb"] = "no", ["nn"] = "no", ["eng"] = "en", ["deu"] = "de", ["ger"] = "de", ["fra"] = "fr",
        ["fre"] = "fr", ["spa"] = "es", ["ita"] = "it", ["nld"] = "nl", ["dut"] = "nl", ["por"] = "pt",
        ["swe"] = "sv", ["dan"] = "da", ["nor"] = "no", ["fin"] = "fi", ["rus"] = "ru", ["hun"] = "hu",
    };

    /// <summary>Every language code a stemmed field may exist for.</summary>
    public static IReadOnlyCollection<string> Languages => SnowballNames.Keys;

    /// <summary>
    /// The stemmer language for a BCP 47 tag (<c>en-GB</c> → <c>en</c>), or null when we have no stemmer for it
    /// (Latin, Chinese, Japanese, Korean, unknown): such text is searched folded but unstemmed.
    /// </summary>
    public static string? LanguageFor(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }

        var dash = tag.IndexOfAny(['-', '_']);
        var primary = (dash > 0 ? tag[..dash] : tag).Trim().ToLowerInvariant();
        if (Aliases.TryGetValue(primary, out var alias))
        {
            primary = alias;
        }

        return SnowballNames.ContainsKey(primary) ? primary : null;
    }

    /// <summary>Wraps <paramref name="input"/> in the stemmer for <paramref name="language"/> (a code from <see cref="Languages"/>).</summary>
    public static TokenStream Wrap(string language, TokenStream input) =>
        SnowballNames.TryGetValue(language, out var name) ? new SnowballFilter(input, name) : input;
}

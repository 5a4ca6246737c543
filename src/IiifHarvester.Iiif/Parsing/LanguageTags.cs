using IiifHarvester.Iiif.Model;

namespace IiifHarvester.Iiif.Parsing;

/// <summary>Normalises the language keys seen in the wild to BCP 47 where that is sure.</summary>
internal static class LanguageTags
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["@none"] = LanguageMap.None,
        ["none"] = LanguageMap.None,
        [""] = LanguageMap.None,
        ["eng"] = "en", ["english"] = "en",
        ["fre"] = "fr", ["fra"] = "fr", ["french"] = "fr",
        ["ger"] = "de", ["deu"] = "de", ["german"] = "de",
        ["dut"] = "nl", ["nld"] = "nl", ["dutch"] = "nl",
        ["ita"] = "it", ["italian"] = "it",
        ["spa"] = "es", ["spanish"] = "es",
        ["lat"] = "la", ["latin"] = "la",
        ["jpn"] = "ja", ["jp"] = "ja", ["japanese"] = "ja",
        ["chi"] = "zh", ["zho"] = "zh", ["chinese"] = "zh",
        ["kor"] = "ko", ["korean"] = "ko",
        ["cym"] = "cy", ["wel"] = "cy", ["welsh"] = "cy",
        ["gre"] = "el", ["ell"] = "el", ["greek"] = "el",
        ["heb"] = "he", ["hebrew"] = "he",
        ["ara"] = "ar", ["arabic"] = "ar",
        ["rus"] = "ru", ["russian"] = "ru",
        ["pol"] = "pl", ["por"] = "pt", ["swe"] = "sv", ["dan"] = "da", ["nor"] = "no", ["fin"] = "fi",
    };

    /// <summary>The BCP 47 form of <paramref name="key"/> where sure; the key verbatim otherwise.</summary>
    public static string Normalize(string? key)
    {
        if (key is null)
        {
            return LanguageMap.None;
        }

        var trimmed = key.Trim();
        if (Known.TryGetValue(trimmed, out var known))
        {
            return known;
        }

        // Already a well-formed tag such as en, en-GB, zh-Hant, ja-Latn: keep it with conventional casing.
        var parts = trimmed.Split('-');
        if (parts[0].Length is 2 or 3 && parts[0].All(char.IsAsciiLetter) && parts.Skip(1).All(p => p.Length is >= 1 and <= 8 && p.All(char.IsAsciiLetterOrDigit)))
        {
            parts[0] = parts[0].ToLowerInvariant();
            for (var i = 1; i < parts.Length; i++)
            {
                parts[i] = parts[i].Length switch
                {
                    2 => parts[i].ToUpperInvariant(),
                    4 => char.ToUpperInvariant(parts[i][0]) + parts[i][1..].ToLowerInvariant(),
                    _ => parts[i].ToLowerInvariant(),
                };
            }

            return string.Join('-', parts);
        }

        return trimmed;
    }
}

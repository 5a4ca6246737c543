using System.Text.Json;
using IiifHarvester.Iiif.Model;

namespace IiifHarvester.Iiif.Parsing;

/// <summary>
/// Normalises the language keys seen in the wild to BCP 47 where that is sure (RFC 5646 §2.1.1 casing, the
/// shortest ISO 639 code, English names of languages), and keeps the key verbatim where it is not.
/// </summary>
internal static class LanguageTags
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["@none"] = LanguageMap.None,
        ["none"] = LanguageMap.None,
        [""] = LanguageMap.None,
        ["und"] = LanguageMap.None,
        ["zxx"] = LanguageMap.None,
        // Some hOCR says lang="unknown" (the Bayerische Staatsbibliothek's among it).
        ["unknown"] = LanguageMap.None,
        ["eng"] = "en", ["english"] = "en",
        ["fre"] = "fr", ["fra"] = "fr", ["french"] = "fr", ["français"] = "fr", ["francais"] = "fr",
        ["ger"] = "de", ["deu"] = "de", ["german"] = "de", ["deutsch"] = "de",
        ["dut"] = "nl", ["nld"] = "nl", ["dutch"] = "nl", ["nederlands"] = "nl",
        ["ita"] = "it", ["italian"] = "it", ["italiano"] = "it",
        ["spa"] = "es", ["spanish"] = "es", ["español"] = "es",
        ["lat"] = "la", ["latin"] = "la",
        // "jp" is the country code, not a language code; publishers mean Japanese.
        ["jpn"] = "ja", ["jp"] = "ja", ["japanese"] = "ja",
        ["chi"] = "zh", ["zho"] = "zh", ["chinese"] = "zh",
        ["kor"] = "ko", ["korean"] = "ko",
        ["cym"] = "cy", ["wel"] = "cy", ["welsh"] = "cy",
        ["gre"] = "el", ["ell"] = "el", ["greek"] = "el",
        ["heb"] = "he", ["hebrew"] = "he",
        ["ara"] = "ar", ["arabic"] = "ar",
        ["rus"] = "ru", ["russian"] = "ru",
        ["pol"] = "pl", ["polish"] = "pl",
        ["por"] = "pt", ["portuguese"] = "pt",
        ["swe"] = "sv", ["swedish"] = "sv",
        ["dan"] = "da", ["danish"] = "da",
        ["nor"] = "no", ["norwegian"] = "no",
        ["fin"] = "fi", ["finnish"] = "fi",
        ["cze"] = "cs", ["ces"] = "cs", ["czech"] = "cs",
        ["hun"] = "hu", ["hungarian"] = "hu",
        ["gle"] = "ga", ["irish"] = "ga",
        ["gla"] = "gd",
        ["ice"] = "is", ["isl"] = "is",
        ["tur"] = "tr", ["turkish"] = "tr",
        ["per"] = "fa", ["fas"] = "fa", ["persian"] = "fa",
        ["san"] = "sa", ["sanskrit"] = "sa",
        ["hin"] = "hi", ["hindi"] = "hi",
        ["cat"] = "ca", ["catalan"] = "ca",
        ["ukr"] = "uk", ["ukrainian"] = "uk",
    };

    /// <summary>The normalised key of a language-map property, without allocating for the common keys.</summary>
    public static string Normalize(JsonProperty property)
    {
        if (property.NameEquals("none"u8) || property.NameEquals("@none"u8))
        {
            return LanguageMap.None;
        }

        if (property.NameEquals("en"u8))
        {
            return "en";
        }

        return Normalize(property.Name);
    }

    /// <summary>
    /// The language of a text as a file's attribute gives it (ALTO's <c>LANG</c>, hOCR's <c>lang</c>): its BCP 47
    /// form, or null where the attribute is empty or says "no language" (<c>und</c>, <c>zxx</c>, <c>unknown</c>).
    /// </summary>
    public static string? OfText(string? lang)
    {
        if (string.IsNullOrWhiteSpace(lang))
        {
            return null;
        }

        var tag = Normalize(lang);
        return tag == LanguageMap.None ? null : tag;
    }

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

        if (trimmed.Length == 2 && char.IsAsciiLetterLower(trimmed[0]) && char.IsAsciiLetterLower(trimmed[1]))
        {
            return trimmed;
        }

        // A well-formed tag such as en, en-GB, zh-Hant, ja-Latn, en_US: keep it with conventional casing.
        var parts = trimmed.Replace('_', '-').Split('-');
        if (!IsLanguageSubtag(parts[0]))
        {
            return trimmed;
        }

        for (var i = 1; i < parts.Length; i++)
        {
            if (parts[i].Length is < 1 or > 8 || !parts[i].All(char.IsAsciiLetterOrDigit))
            {
                return trimmed;
            }
        }

        parts[0] = Known.TryGetValue(parts[0], out var primary) && primary != LanguageMap.None ? primary : parts[0].ToLowerInvariant();
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

    private static bool IsLanguageSubtag(string s)
    {
        if (s.Length is not (2 or 3))
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }
        }

        return true;
    }
}

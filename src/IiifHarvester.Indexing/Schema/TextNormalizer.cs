using System.Globalization;
using System.Text;

namespace IiifHarvester.Indexing.Schema;

/// <summary>Folds a whole string the way the analyzer folds a token: for sort keys, exact-match fields and autocomplete prefixes.</summary>
internal static class TextNormalizer
{
    public static string Fold(string value)
    {
        var decomposed = value.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormKD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark && !IsKanaMark(c))
            {
                continue;
            }

            builder.Append(c switch
            {
                'ß' => "ss",
                'æ' => "ae",
                'œ' => "oe",
                'ø' => "o",
                'đ' => "d",
                'ł' => "l",
                'þ' => "th",
                'ı' => "i",
                _ => c.ToString(),
            });
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    // Japanese voiced/semi-voiced sound marks are meaningful (が is not か).
    private static bool IsKanaMark(char c) => c is '\u3099' or '\u309A';
}

using System.Globalization;
using System.Text;
using IiifHarvester.Indexing.Analysis;
using Lucene.Net.Analysis.Miscellaneous;
using Xunit;

namespace IiifHarvester.Indexing.Tests.Analysis;

public sealed class DiacriticFoldingFilterTests
{
    [Fact]
    public void AsciiFolding_EveryLetterBelowCombiningMarks_FoldsAsIfMarksWereStrippedFirst()
    {
        // The filter leaves tokens below U+0300 to the ASCII folding that follows it; that is only sound if ASCII
        // folding alone gives what stripping the marks first would have given.
        var differ = new List<string>();
        for (var c = (char)0x80; c < 0x300; c++)
        {
            if (!char.IsLetter(c) || DiacriticFoldingFilter.NeedsDecomposition(c))
            {
                continue;
            }

            var alone = Fold(c.ToString());
            var stripped = Fold(Strip(c.ToString()));
            if (alone != stripped)
            {
                differ.Add($"U+{(int)c:X4} {c}: {alone} vs {stripped}");
            }
        }

        Assert.Empty(differ);
    }

    private static string Strip(string value)
    {
        var builder = new StringBuilder();
        foreach (var c in value.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    private static string Fold(string value)
    {
        var output = new char[value.Length * 4];
        var length = ASCIIFoldingFilter.FoldToASCII(value.ToCharArray(), 0, output, 0, value.Length);
        return new string(output, 0, length);
    }
}

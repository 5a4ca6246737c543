using System.Globalization;
using IiifHarvester.Indexing.Schema;

namespace IiifHarvester.Web.Portal;

/// <summary>How a facet and its values are named on a page.</summary>
internal static class FacetNames
{
    public static string Title(string facet) => facet switch
    {
        "source" => "Institution",
        "text" => "Kind of text",
        "language" => "Language",
        "century" => "Century",
        "decade" => "Decade",
        "type" => "Type",
        "rights" => "Rights",
        "provider" => "Provider",
        _ => facet,
    };

    public static string Value(string facet, string value, Func<string, string?> sourceName) => facet switch
    {
        "source" => sourceName(value) ?? value,
        "text" => value switch
        {
            TextKinds.Ocr => "OCR",
            TextKinds.Transcription => "Transcription",
            TextKinds.Commentary => "Commentary",
            _ => value,
        },
        "century" => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var c)
            ? string.Create(CultureInfo.InvariantCulture, $"{c}\u2013{c + 99}") : value,
        "decade" => value + "s",
        "language" => Language(value),
        _ => value,
    };

    private static string Language(string tag)
    {
        try
        {
            var culture = CultureInfo.GetCultureInfo(tag);
            return culture.EnglishName == tag || culture.EnglishName.StartsWith("Unknown", StringComparison.Ordinal)
                ? tag
                : culture.EnglishName;
        }
        catch (CultureNotFoundException)
        {
            return tag;
        }
    }
}

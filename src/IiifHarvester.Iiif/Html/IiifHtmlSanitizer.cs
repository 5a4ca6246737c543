using IiifHarvester.Iiif.Model;

namespace IiifHarvester.Iiif.Html;

/// <summary>
/// The one sanitizer for harvested text we re-serve (catalog, search answers, re-served manifests, portal pages).
/// Presentation 3.0 §4.4 (and 2.1 §4.3): a value is HTML when it starts with <c>&lt;</c> and ends with
/// <c>&gt;</c>, and then holds only <c>a b br i img p small span sub sup</c>, <c>href</c> on <c>a</c>, <c>src</c>
/// and <c>alt</c> on <c>img</c>, no script and no <c>javascript:</c> URLs. Such values are reduced to that subset
/// (AngleSharp's HTML5 parser reads the markup as a browser would). A plain value in which no tag can form
/// (<c>a &lt; b</c>, <c>Fish &amp; Chips</c>) is text and stays exactly as published; a plain value with tags in it
/// (<c>Note &lt;script&gt;…</c>) is reduced the same way, so no value we emit can run script wherever it is shown.
/// </summary>
public static class IiifHtmlSanitizer
{
    /// <summary>True when <paramref name="value"/> is HTML in the IIIF sense (Presentation 3.0 §4.4).</summary>
    public static bool IsHtml(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var trimmed = value.AsSpan().Trim();
        return trimmed.Length > 1 && trimmed[0] == '<' && trimmed[^1] == '>';
    }

    /// <summary><paramref name="value"/> safe to re-serve (see the type's remarks).</summary>
    public static string Sanitize(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return IsHtml(value) || FormsTag(value) ? HtmlText.Sanitize(value) : value;
    }

    /// <summary>Every value of <paramref name="map"/> sanitized; the same instance when nothing changed.</summary>
    public static LanguageMap Sanitize(LanguageMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var changed = false;
        var values = new List<KeyValuePair<string, IReadOnlyList<string>>>(map.Values.Count);
        foreach (var (language, strings) in map.Values)
        {
            var safe = strings.Select(Sanitize).ToList();
            changed |= !safe.SequenceEqual(strings, StringComparer.Ordinal);
            values.Add(new(language, safe));
        }

        return changed ? new LanguageMap(values) : map;
    }

    /// <summary>True when a tag, comment or processing instruction can start somewhere in <paramref name="value"/>.</summary>
    private static bool FormsTag(string value)
    {
        for (var i = value.IndexOf('<', StringComparison.Ordinal); i >= 0 && i + 1 < value.Length; i = value.IndexOf('<', i + 1))
        {
            var next = value[i + 1];
            if (char.IsAsciiLetter(next) || next is '/' or '!' or '?')
            {
                return true;
            }
        }

        return false;
    }
}

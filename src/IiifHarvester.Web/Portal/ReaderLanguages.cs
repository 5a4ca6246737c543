using System.Globalization;
using IiifHarvester.Iiif.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace IiifHarvester.Web.Portal;

/// <summary>
/// The reader's languages from <c>Accept-Language</c>, best first, and the value of a language map to show them:
/// the first of their languages present, then <c>none</c>, then the first value (Presentation 3 §4.3, "Language
/// of Property Values": a client picks the user's language, falling back sensibly).
/// </summary>
internal sealed class ReaderLanguages
{
    private readonly string[] _languages;

    private ReaderLanguages(string[] languages)
    {
        _languages = languages;
    }

    /// <summary>The languages, best first (may be empty).</summary>
    public IReadOnlyList<string> Languages => _languages;

    /// <summary>The first language, for the page's <c>lang</c>; <c>en</c> when none was asked for.</summary>
    public string Primary => _languages.Length > 0 ? _languages[0] : "en";

    /// <summary>Binds the reader's languages of the request (minimal-API custom binding).</summary>
    public static ValueTask<ReaderLanguages?> BindAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult<ReaderLanguages?>(From(context.Request));
    }

    public static ReaderLanguages From(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage, out var values))
        {
            return new ReaderLanguages([]);
        }

        var languages = values
            .Where(v => v.Value.HasValue && v.Value.Value != "*" && (v.Quality ?? 1) > 0)
            .OrderByDescending(v => v.Quality ?? 1)
            .Select(v => v.Value.Value!)
            .Where(IsLanguageTag)
            .Take(8)
            .ToArray();
        return new ReaderLanguages(languages);
    }

    /// <summary>The value of <paramref name="map"/> for the reader, or <paramref name="fallback"/> when it is empty.</summary>
    public string Pick(LanguageMap map, string fallback = "")
    {
        ArgumentNullException.ThrowIfNull(map);
        if (map.IsEmpty)
        {
            return fallback;
        }

        foreach (var language in _languages)
        {
            foreach (var (key, values) in map.Values)
            {
                if (values.Count > 0 && (string.Equals(key, language, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(PrimarySubtag(key), PrimarySubtag(language), StringComparison.OrdinalIgnoreCase)))
                {
                    return string.Join("; ", values);
                }
            }
        }

        if (map.Values.TryGetValue(LanguageMap.None, out var none) && none.Count > 0)
        {
            return string.Join("; ", none);
        }

        return map.Values.Where(v => v.Value.Count > 0).Select(v => string.Join("; ", v.Value)).FirstOrDefault() ?? fallback;
    }

    private static string PrimarySubtag(string tag)
    {
        var dash = tag.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? tag : tag[..dash];
    }

    private static bool IsLanguageTag(string value) =>
        value.Length is > 0 and <= 35 && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
        && !value.StartsWith('-') && CultureInfo.InvariantCulture.CompareInfo.IndexOf(value, "--", CompareOptions.Ordinal) < 0;
}

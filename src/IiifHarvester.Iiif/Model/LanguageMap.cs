using System.Collections.ObjectModel;

namespace IiifHarvester.Iiif.Model;

/// <summary>
/// A Presentation 3.0 language map (and the v2 forms normalised to it): values per language. Keys are BCP 47 tags
/// where the normalisation was sure, <see cref="None"/> for values without a language, and the published key
/// verbatim otherwise. Values are kept as published (they may hold HTML); see <c>HtmlText</c> for plain text.
/// </summary>
public sealed class LanguageMap
{
    /// <summary>The key for values without a language (v3 <c>none</c>, v2 <c>@none</c> or a bare string).</summary>
    public const string None = "none";

    /// <summary>The empty map.</summary>
    public static readonly LanguageMap Empty = new(new Dictionary<string, IReadOnlyList<string>>());

    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _values;

    /// <summary>Creates a map; the dictionary is copied.</summary>
    public LanguageMap(IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var copy = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (language, list) in values)
        {
            if (list.Count == 0)
            {
                continue;
            }

            copy[language] = copy.TryGetValue(language, out var existing) ? [.. existing, .. list] : [.. list];
        }

        _values = new ReadOnlyDictionary<string, IReadOnlyList<string>>(copy);
    }

    /// <summary>Wraps a dictionary the caller built and no longer touches (the parsers' path: no copy).</summary>
    internal LanguageMap(IReadOnlyDictionary<string, IReadOnlyList<string>> owned, bool owns)
    {
        _ = owns;
        _values = owned;
    }

    /// <summary>A map of one value in one language, without a dictionary (the parsers' common case).</summary>
    internal LanguageMap(string language, string value) => _values = new SingleLanguageValues(language, value);

    /// <summary>A map of one value in one language (no dictionary is built).</summary>
    public static LanguageMap Of(string language, string value)
    {
        ArgumentNullException.ThrowIfNull(language);
        ArgumentNullException.ThrowIfNull(value);
        return new(language, value);
    }

    /// <summary>A map with one value without a language.</summary>
    public static LanguageMap FromString(string? value) =>
        string.IsNullOrEmpty(value) ? Empty : new(None, value);

    /// <summary>The values per language key.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Values => _values;

    /// <summary>True when the map holds no value.</summary>
    public bool IsEmpty => _values.Count == 0;

    /// <summary>The language keys present.</summary>
    public IEnumerable<string> Languages => _values.Keys;

    /// <summary>Every value, in every language.</summary>
    public IEnumerable<string> AllValues => _values.Values.SelectMany(v => v);

    /// <summary>
    /// The first value in the first of <paramref name="preferred"/> languages present (matching a primary subtag
    /// too, so <c>en</c> finds <c>en-GB</c>), then <see cref="None"/>, then <c>en</c>, then any; null when empty.
    /// </summary>
    public string? GetValue(params string[] preferred)
    {
        foreach (var language in preferred)
        {
            if (TryGet(language, out var value))
            {
                return value;
            }
        }

        if (TryGet(None, out var none) || TryGet("en", out none))
        {
            return none;
        }

        return _values.Values.Select(v => v[0]).FirstOrDefault();
    }

    /// <inheritdoc />
    public override string ToString() => GetValue() ?? string.Empty;

    private bool TryGet(string language, out string? value)
    {
        if (_values.TryGetValue(language, out var list))
        {
            value = list[0];
            return true;
        }

        foreach (var (key, values) in _values)
        {
            if (key.StartsWith(language + "-", StringComparison.OrdinalIgnoreCase))
            {
                value = values[0];
                return true;
            }
        }

        value = null;
        return false;
    }
}

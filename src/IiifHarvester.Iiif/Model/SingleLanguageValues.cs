using System.Diagnostics.CodeAnalysis;

namespace IiifHarvester.Iiif.Model;

/// <summary>
/// The values of a language map that holds one value in one language, which is what nearly every label in the
/// wild is: a read-only dictionary without the buckets of a real one (a manifest has thousands of labels).
/// Its value list stays a separate array: an object that were both the dictionary and the list would enumerate
/// as one or the other depending on how a consumer looks at it (non-generic IEnumerable, reflection).
/// </summary>
internal sealed class SingleLanguageValues(string language, string value) : IReadOnlyDictionary<string, IReadOnlyList<string>>
{
    private readonly string[] _list = [value];

    public IReadOnlyList<string> this[string key] => key == language ? _list : throw new KeyNotFoundException(key);

    public IEnumerable<string> Keys => [language];

    public IEnumerable<IReadOnlyList<string>> Values => [_list];

    public int Count => 1;

    public bool ContainsKey(string key) => key == language;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out IReadOnlyList<string> value)
    {
        value = key == language ? _list : null;
        return value is not null;
    }

    public IEnumerator<KeyValuePair<string, IReadOnlyList<string>>> GetEnumerator()
    {
        yield return new(language, _list);
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

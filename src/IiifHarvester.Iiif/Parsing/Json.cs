using System.Globalization;
using System.Text.Json;

namespace IiifHarvester.Iiif.Parsing;

/// <summary>
/// Tolerant readers for the JSON shapes IIIF documents take in the wild. Property names are UTF-8 literals so a
/// lookup does not transcode the name on every call (the parse is on the harvester's hot path).
/// </summary>
internal static class Json
{
    /// <summary>The id of a node: <c>id</c> or <c>@id</c>, or the node itself when it is a string.</summary>
    public static string? Id(JsonElement node) => node.ValueKind switch
    {
        JsonValueKind.String => NonEmpty(node.GetString()),
        JsonValueKind.Object => String(node, "id"u8) ?? String(node, "@id"u8),
        _ => null,
    };

    /// <summary>The type of a node: <c>type</c> or <c>@type</c> (first string, when an array).</summary>
    public static string? Type(JsonElement node)
    {
        if (node.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (!node.TryGetProperty("type"u8, out var t) && !node.TryGetProperty("@type"u8, out t))
        {
            return null;
        }

        if (t.ValueKind == JsonValueKind.String)
        {
            return NonEmpty(t.GetString());
        }

        if (t.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in t.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    return NonEmpty(item.GetString());
                }
            }
        }

        return null;
    }

    /// <summary>The type without a JSON-LD prefix (<c>sc:Manifest</c> is <c>Manifest</c>).</summary>
    public static string? BareType(JsonElement node) => Bare(Type(node));

    /// <summary><paramref name="type"/> without its JSON-LD prefix.</summary>
    public static string? Bare(string? type)
    {
        if (type is null)
        {
            return null;
        }

        var colon = type.LastIndexOf(':');
        return colon >= 0 && !type.Contains("//", StringComparison.Ordinal) ? type[(colon + 1)..] : type;
    }

    /// <summary>A string property, or null when absent, empty or not a string.</summary>
    public static string? String(JsonElement node, ReadOnlySpan<byte> name) =>
        node.ValueKind == JsonValueKind.Object && node.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? NonEmpty(v.GetString())
            : null;

    /// <summary>The first string of a property that may be a string or an array of strings.</summary>
    public static string? FirstString(JsonElement node, ReadOnlySpan<byte> name)
    {
        if (!TryGet(node, name, out var v))
        {
            return null;
        }

        foreach (var item in Many(v))
        {
            if (item.ValueKind == JsonValueKind.String && NonEmpty(item.GetString()) is { } s)
            {
                return s;
            }
        }

        return null;
    }

    /// <summary>A non-null property.</summary>
    public static bool TryGet(JsonElement node, ReadOnlySpan<byte> name, out JsonElement value)
    {
        if (node.ValueKind == JsonValueKind.Object && node.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>A non-null property by the first of two names (v3 name first, then the v2 one).</summary>
    public static bool TryGet(JsonElement node, ReadOnlySpan<byte> name, ReadOnlySpan<byte> other, out JsonElement value) =>
        TryGet(node, name, out value) || TryGet(node, other, out value);

    /// <summary>A node that may be one item or an array of items, as a sequence (no allocation).</summary>
    public static ManyEnumerable Many(JsonElement node) => new(node);

    /// <summary>How many items <see cref="Many"/> yields.</summary>
    public static int Count(JsonElement node) => node.ValueKind switch
    {
        JsonValueKind.Array => node.GetArrayLength(),
        JsonValueKind.Undefined or JsonValueKind.Null => 0,
        _ => 1,
    };

    /// <summary>The first item of a node that may be one item or an array.</summary>
    public static JsonElement First(JsonElement node)
    {
        foreach (var item in Many(node))
        {
            return item;
        }

        return default;
    }

    /// <summary>A number that may be published as a number or a numeric string.</summary>
    public static bool TryNumber(JsonElement v, out double value, out bool wasString)
    {
        wasString = false;
        value = 0;
        if (v.ValueKind == JsonValueKind.Number)
        {
            return v.TryGetDouble(out value) && double.IsFinite(value);
        }

        if (v.ValueKind == JsonValueKind.String)
        {
            wasString = true;
            return double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
        }

        return false;
    }

    /// <summary>A non-negative integer property; a numeric string is accepted with a warning, anything else warned and dropped.</summary>
    public static int? Int(JsonElement node, ReadOnlySpan<byte> name, ReadContext? context = null)
    {
        if (!TryGet(node, name, out var v))
        {
            return null;
        }

        if (TryNumber(v, out var d, out var wasString) && d is >= 0 and <= int.MaxValue)
        {
            if (wasString)
            {
                context?.Warn("number-as-string:" + System.Text.Encoding.UTF8.GetString(name), $"{System.Text.Encoding.UTF8.GetString(name)} is a string (\"{v.GetString()}\"), read as a number");
            }

            return (int)Math.Round(d);
        }

        context?.Warn("bad-number:" + System.Text.Encoding.UTF8.GetString(name), $"{System.Text.Encoding.UTF8.GetString(name)} is not a non-negative number ({Truncate(v.GetRawText(), 40)}); ignored");
        return null;
    }

    /// <summary>A non-negative long property (Discovery counts); null when absent or unusable.</summary>
    public static long? Long(JsonElement node, ReadOnlySpan<byte> name) =>
        TryGet(node, name, out var v) && TryNumber(v, out var d, out _) && d is >= 0 and <= long.MaxValue ? (long)Math.Round(d) : null;

    /// <summary>A date-time, when the property holds one (UTC).</summary>
    public static DateTimeOffset? Date(JsonElement node, ReadOnlySpan<byte> name) => ParseDate(String(node, name));

    /// <summary>Parses an xsd:dateTime (or a plain date), assuming UTC when no offset is given.</summary>
    public static DateTimeOffset? ParseDate(string? s) =>
        s is not null && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)
            ? d.ToUniversalTime()
            : null;

    /// <summary><paramref name="s"/>, or null when null, empty or white space.</summary>
    public static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    /// <summary>At most <paramref name="max"/> characters of <paramref name="s"/>, for messages.</summary>
    public static string Truncate(string s, int max) => s.Length <= max ? s : string.Concat(s.AsSpan(0, max), "…");

    /// <summary>A one-or-many sequence of JSON values.</summary>
    internal readonly struct ManyEnumerable(JsonElement node)
    {
        public Enumerator GetEnumerator() => new(node);
    }

    /// <summary>Enumerates a one-or-many value without allocating.</summary>
    internal struct Enumerator
    {
        private readonly JsonElement _single;
        private JsonElement.ArrayEnumerator _array;
        private readonly bool _isArray;
        private int _state;

        public Enumerator(JsonElement node)
        {
            _isArray = node.ValueKind == JsonValueKind.Array;
            _array = _isArray ? node.EnumerateArray() : default;
            _single = node;
            _state = node.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? 2 : 0;
        }

        public readonly JsonElement Current => _isArray ? _array.Current : _single;

        public bool MoveNext()
        {
            if (_isArray)
            {
                return _array.MoveNext();
            }

            if (_state == 0)
            {
                _state = 1;
                return true;
            }

            return false;
        }
    }
}

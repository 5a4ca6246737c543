using System.Globalization;
using System.Runtime.InteropServices;
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
        JsonValueKind.Object => StringOf(FindEither(node, "id"u8, "@id"u8)),
        _ => null,
    };

    /// <summary>The type of a node: <c>type</c> or <c>@type</c> (first string, when an array).</summary>
    public static string? Type(JsonElement node) => node.ValueKind == JsonValueKind.Object ? TypeOf(FindEither(node, "type"u8, "@type"u8)) : null;

    /// <summary>The type held in a <c>type</c>/<c>@type</c> value (first string, when an array).</summary>
    public static string? TypeOf(JsonElement t)
    {
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

    /// <summary>The string a value holds, or null when it is not a non-blank string.</summary>
    public static string? StringOf(JsonElement v) => v.ValueKind == JsonValueKind.String ? NonEmpty(v.GetString()) : null;

    /// <summary>
    /// The value of property <paramref name="first"/>, else of <paramref name="second"/>, in one pass over the
    /// object (two lookups would scan it twice when the first name is absent, as in every v2 object).
    /// </summary>
    public static JsonElement FindEither(JsonElement node, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        JsonElement fallback = default;
        foreach (var property in node.EnumerateObject())
        {
            var name = JsonMarshal.GetRawUtf8PropertyName(property);
            if (name.SequenceEqual(first))
            {
                return property.Value;
            }

            if (name.SequenceEqual(second))
            {
                fallback = property.Value;
            }
        }

        return fallback;
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
    public static int? Int(JsonElement node, ReadOnlySpan<byte> name, ReadContext? context = null) =>
        TryGet(node, name, out var v) ? IntOf(v, name, context) : null;

    /// <summary>A non-negative integer value (see <see cref="Int"/>); <paramref name="name"/> names it in warnings.</summary>
    public static int? IntOf(JsonElement v, ReadOnlySpan<byte> name, ReadContext? context = null)
    {
        if (v.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return null;
        }

        if (TryNumber(v, out var d, out var wasString) && d is >= 0 and <= int.MaxValue)
        {
            if (wasString)
            {
                var n = System.Text.Encoding.UTF8.GetString(name);
                context?.Warn("number-as-string:" + n, $"{n} is a string (\"{v.GetString()}\"), read as a number");
            }

            return (int)Math.Round(d);
        }

        var property = System.Text.Encoding.UTF8.GetString(name);
        context?.Warn("bad-number:" + property, $"{property} is not a non-negative number ({Truncate(v.GetRawText(), 40)}); ignored");
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

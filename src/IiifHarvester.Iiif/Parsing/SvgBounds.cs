using System.Globalization;
using IiifHarvester.Iiif.Annotations;

namespace IiifHarvester.Iiif.Parsing;

/// <summary>
/// The bounding box of all the shapes in an SvgSelector (Web Annotation §4.2.7), which is what a search hit needs:
/// path data (absolute and relative commands), polygon/polyline points, rect, circle and ellipse. A scan of
/// attribute values, not an SVG renderer; transforms are not applied.
/// </summary>
internal static class SvgBounds
{
    private const int MaxLength = 1 << 20;

    public static Region? Of(string svg)
    {
        if (svg.Length > MaxLength)
        {
            return null;
        }

        var box = new Box();
        var span = svg.AsSpan();
        // Every shape counts: Mirador 2 wraps several drawn shapes in a <g>, mirador-annotations writes one path per shape.
        for (var rest = span; Next(ref rest, " d=", out var d);)
        {
            box.Path(d);
        }

        for (var rest = span; Next(ref rest, "points=", out var points);)
        {
            box.Points(points);
        }

        foreach (var element in (ReadOnlySpan<string>)["<rect", "<circle", "<ellipse"])
        {
            var at = span.IndexOf(element, StringComparison.OrdinalIgnoreCase);
            while (at >= 0)
            {
                var tag = span[at..];
                var close = tag.IndexOf('>');
                tag = close >= 0 ? tag[..close] : tag;
                if (element == "<rect")
                {
                    var x = Number(Attribute(tag, " x=")) ?? 0;
                    var y = Number(Attribute(tag, " y=")) ?? 0;
                    if (Number(Attribute(tag, "width=")) is { } w && Number(Attribute(tag, "height=")) is { } h)
                    {
                        box.Add(x, y);
                        box.Add(x + w, y + h);
                    }
                }
                else if (Number(Attribute(tag, "cx=")) is { } cx && Number(Attribute(tag, "cy=")) is { } cy)
                {
                    var rx = Number(Attribute(tag, " r=")) ?? Number(Attribute(tag, "rx=")) ?? 0;
                    var ry = Number(Attribute(tag, " r=")) ?? Number(Attribute(tag, "ry=")) ?? rx;
                    box.Add(cx - rx, cy - ry);
                    box.Add(cx + rx, cy + ry);
                }

                var next = span[(at + element.Length)..].IndexOf(element, StringComparison.OrdinalIgnoreCase);
                at = next < 0 ? -1 : at + element.Length + next;
            }
        }

        return box.Region;
    }

    /// <summary>The value of the next <paramref name="name"/> attribute in <paramref name="s"/>, which moves past it.</summary>
    private static bool Next(ref ReadOnlySpan<char> s, string name, out ReadOnlySpan<char> value)
    {
        var at = s.IndexOf(name, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            value = [];
            return false;
        }

        value = Attribute(s[at..], name);
        s = s[(at + name.Length)..];
        return true;
    }

    private static ReadOnlySpan<char> Attribute(ReadOnlySpan<char> s, string name)
    {
        var at = s.IndexOf(name, StringComparison.OrdinalIgnoreCase);
        if (at < 0 || at + name.Length >= s.Length)
        {
            return [];
        }

        var rest = s[(at + name.Length)..];
        var quote = rest[0];
        if (quote is not ('"' or '\''))
        {
            return [];
        }

        var end = rest[1..].IndexOf(quote);
        return end < 0 ? [] : rest.Slice(1, end);
    }

    private static double? Number(ReadOnlySpan<char> s) =>
        double.TryParse(s.Trim().TrimEnd("px"), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null;

    private struct Box
    {
        private double _minX, _minY, _maxX, _maxY;
        private bool _any;

        public readonly Region? Region => _any ? new Region(_minX, _minY, _maxX - _minX, _maxY - _minY) : null;

        public void Add(double x, double y)
        {
            if (!_any)
            {
                (_minX, _minY, _maxX, _maxY, _any) = (x, y, x, y, true);
                return;
            }

            _minX = Math.Min(_minX, x);
            _minY = Math.Min(_minY, y);
            _maxX = Math.Max(_maxX, x);
            _maxY = Math.Max(_maxY, y);
        }

        public void Points(ReadOnlySpan<char> points)
        {
            var reader = new NumberReader(points);
            while (reader.Next(out var x) && reader.Next(out var y))
            {
                Add(x, y);
            }
        }

        /// <summary>SVG path data (SVG 1.1 §8.3): every end and control point, tracking the current point for relative commands.</summary>
        public void Path(ReadOnlySpan<char> d)
        {
            double cx = 0, cy = 0, startX = 0, startY = 0;
            var command = 'M';
            var reader = new NumberReader(d);
            while (true)
            {
                if (reader.Command(out var c))
                {
                    command = c;
                    if (c is 'Z' or 'z')
                    {
                        (cx, cy) = (startX, startY);
                        continue;
                    }
                }

                var relative = char.IsLower(command);
                double ox = relative ? cx : 0, oy = relative ? cy : 0;
                switch (char.ToUpperInvariant(command))
                {
                    case 'H':
                        if (!reader.Next(out var hx))
                        {
                            return;
                        }

                        cx = ox + hx;
                        Add(cx, cy);
                        break;
                    case 'V':
                        if (!reader.Next(out var vy))
                        {
                            return;
                        }

                        cy = oy + vy;
                        Add(cx, cy);
                        break;
                    case 'A':
                        if (!(reader.Next(out _) && reader.Next(out _) && reader.Next(out _) && reader.Next(out _) && reader.Next(out _)
                            && reader.Next(out var ax) && reader.Next(out var ay)))
                        {
                            return;
                        }

                        (cx, cy) = (ox + ax, oy + ay);
                        Add(cx, cy);
                        break;
                    default:
                        var pairs = char.ToUpperInvariant(command) switch { 'C' => 3, 'S' or 'Q' => 2, _ => 1 };
                        for (var i = 0; i < pairs; i++)
                        {
                            if (!(reader.Next(out var px) && reader.Next(out var py)))
                            {
                                return;
                            }

                            Add(ox + px, oy + py);
                            if (i == pairs - 1)
                            {
                                (cx, cy) = (ox + px, oy + py);
                            }
                        }

                        if (char.ToUpperInvariant(command) == 'M')
                        {
                            (startX, startY) = (cx, cy);
                            command = relative ? 'l' : 'L';
                        }

                        break;
                }
            }
        }
    }

    private ref struct NumberReader(ReadOnlySpan<char> s)
    {
        private readonly ReadOnlySpan<char> _s = s;
        private int _at;

        public bool Command(out char command)
        {
            Skip();
            if (_at < _s.Length && char.IsAsciiLetter(_s[_at]) && _s[_at] is not ('e' or 'E'))
            {
                command = _s[_at++];
                return true;
            }

            command = default;
            return false;
        }

        public bool Next(out double value)
        {
            Skip();
            var start = _at;
            if (_at < _s.Length && _s[_at] is '-' or '+')
            {
                _at++;
            }

            var dot = false;
            while (_at < _s.Length && (char.IsAsciiDigit(_s[_at]) || (_s[_at] == '.' && !dot)))
            {
                dot |= _s[_at] == '.';
                _at++;
            }

            if (_at < _s.Length && _s[_at] is 'e' or 'E')
            {
                _at++;
                if (_at < _s.Length && _s[_at] is '-' or '+')
                {
                    _at++;
                }

                while (_at < _s.Length && char.IsAsciiDigit(_s[_at]))
                {
                    _at++;
                }
            }

            return double.TryParse(_s[start.._at], NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
        }

        private void Skip()
        {
            while (_at < _s.Length && (_s[_at] is ' ' or ',' or '\t' or '\n' or '\r'))
            {
                _at++;
            }
        }
    }
}

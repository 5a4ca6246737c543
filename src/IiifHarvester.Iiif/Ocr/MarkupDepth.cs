namespace IiifHarvester.Iiif.Ocr;

/// <summary>A cheap, conservative estimate of markup nesting (start tags minus end tags), to refuse hostile files before building a tree.</summary>
internal static class MarkupDepth
{
    private static readonly string[] VoidElements = ["br", "img", "meta", "link", "hr", "input", "area", "base", "col", "embed", "source", "track", "wbr", "param"];

    public static bool Exceeds(ReadOnlySpan<byte> markup, int maxDepth)
    {
        var depth = 0;
        for (var i = 0; i < markup.Length - 1; i++)
        {
            if (markup[i] != (byte)'<')
            {
                continue;
            }

            var next = markup[i + 1];
            if (next == (byte)'/')
            {
                depth = Math.Max(0, depth - 1);
                continue;
            }

            if (!char.IsAsciiLetter((char)next))
            {
                continue;
            }

            var end = markup[i..].IndexOf((byte)'>');
            if (end < 0)
            {
                break;
            }

            var tag = markup.Slice(i + 1, end - 1);
            if (tag.Length > 0 && tag[^1] == (byte)'/' || IsVoid(tag))
            {
                continue;
            }

            if (++depth > maxDepth)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsVoid(ReadOnlySpan<byte> tag)
    {
        var nameLength = 0;
        while (nameLength < tag.Length && char.IsAsciiLetterOrDigit((char)tag[nameLength]))
        {
            nameLength++;
        }

        Span<char> name = stackalloc char[Math.Min(nameLength, 16)];
        for (var i = 0; i < name.Length; i++)
        {
            name[i] = char.ToLowerInvariant((char)tag[i]);
        }

        foreach (var v in VoidElements)
        {
            if (name.SequenceEqual(v))
            {
                return true;
            }
        }

        return false;
    }
}

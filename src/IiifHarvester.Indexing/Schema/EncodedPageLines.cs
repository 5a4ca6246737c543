using System.Collections;

namespace IiifHarvester.Indexing.Schema;

/// <summary>
/// A page record's lines still encoded in it. Lines are stored one after another, each its start and length, then
/// its id, language, region and word boxes, so where one starts is known only by reading past those before it.
/// Each line's start and length are read when a line at or after it is first asked for, and the rest of a line
/// (id, language, region, word boxes) when that line is asked for. A page of hits touches a line or two of each
/// page it reads: the lines after the last hit are never read, and most lines are never built.
/// </summary>
internal sealed class EncodedPageLines : IReadOnlyList<PageLine>
{
    private readonly byte[] _source;

    // Where the record's bytes start in _source and where they end: a line never reads past the record.
    private readonly int _sourceOffset;
    private readonly int _sourceEnd;

    // Per line read so far: its start, its length, and where (from _sourceOffset) the rest of it begins.
    private readonly int[] _table;
    private readonly PageLine?[] _built;
    private int _read;
    private int _next;

    private EncodedPageLines(byte[] source, int sourceOffset, int sourceEnd, int first, int count)
    {
        _source = source;
        _sourceOffset = sourceOffset;
        _sourceEnd = sourceEnd;
        _table = new int[count * 3];
        _built = new PageLine?[count];
        _next = first;
    }

    public int Count => _built.Length;

    public PageLine this[int index] => _built[index] ??= Build(index);

    /// <summary>
    /// The <paramref name="count"/> lines starting at the reader's position, which is where in <paramref name="source"/>
    /// from <paramref name="sourceOffset"/> the reader's bytes start; the reader is not moved, so nothing may be stored
    /// after the lines.
    /// </summary>
    public static EncodedPageLines Read(ref ByteReader reader, int count, byte[] source, int sourceOffset) =>
        new(source, sourceOffset, sourceOffset + reader.Position + reader.Remaining, reader.Position, count);

    /// <summary>Where line <paramref name="index"/>'s text starts in the document text, without building the line.</summary>
    public int StartOf(int index)
    {
        ReadThrough(index);
        return _table[index * 3];
    }

    /// <summary>Where line <paramref name="index"/>'s text ends in the document text, without building the line.</summary>
    public int EndOf(int index)
    {
        ReadThrough(index);
        return _table[index * 3] + _table[(index * 3) + 1];
    }

    /// <summary>
    /// Reads lines' offsets on from the last line read until one ends after <paramref name="offset"/> or none is
    /// left, and returns how many lines are read: the first line ending after the offset is among them, if any is.
    /// </summary>
    public int ReadPast(int offset)
    {
        while (_read < Count && (_read == 0 || EndOf(_read - 1) <= offset))
        {
            ReadThrough(_read);
        }

        return _read;
    }

    public IEnumerator<PageLine> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Reads the start and length of every line up to <paramref name="index"/> not read yet.</summary>
    private void ReadThrough(int index)
    {
        if (index < _read)
        {
            return;
        }

        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The page has {Count} lines.");
        }

        // A line that fails to read (a damaged record) throws and leaves the lines read before it as they were.
        var origin = _next;
        var reader = new ByteReader(_source.AsSpan(_sourceOffset + origin, _sourceEnd - _sourceOffset - origin));
        for (; _read <= index; _read++)
        {
            _table[_read * 3] = reader.Read7BitEncodedInt();
            _table[(_read * 3) + 1] = reader.Read7BitEncodedInt();
            _table[(_read * 3) + 2] = origin + reader.Position;
            PageLayout.SkipLineRest(ref reader);
            _next = origin + reader.Position;
        }
    }

    private PageLine Build(int index)
    {
        ReadThrough(index);
        var rest = _sourceOffset + _table[(index * 3) + 2];
        var reader = new ByteReader(_source.AsSpan(rest, _sourceEnd - rest));
        return PageLayout.ReadLineRest(ref reader, _table[index * 3], _table[(index * 3) + 1], _source, rest);
    }
}

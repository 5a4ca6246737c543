using System.Collections;

namespace IiifHarvester.Indexing.Schema;

/// <summary>
/// A page record's lines still encoded in it: each line's start and length are read up front (a hit finds its lines
/// by them), the rest of a line (id, language, region, word boxes) when the line is asked for. A page of hits
/// touches a line or two of each page it reads, so most lines are never built.
/// </summary>
internal sealed class EncodedPageLines : IReadOnlyList<PageLine>
{
    private readonly byte[] _source;
    private readonly int _sourceOffset;

    // Per line: its start, its length, and where in the reader's bytes the rest of it begins.
    private readonly int[] _table;
    private readonly PageLine?[] _built;

    private EncodedPageLines(byte[] source, int sourceOffset, int[] table, int count)
    {
        _source = source;
        _sourceOffset = sourceOffset;
        _table = table;
        _built = new PageLine?[count];
    }

    public int Count => _built.Length;

    public PageLine this[int index] => _built[index] ??= Build(index);

    /// <summary>Reads the offsets of <paramref name="count"/> lines and moves the reader past all of them.</summary>
    public static EncodedPageLines Read(ref ByteReader reader, int count, byte[] source, int sourceOffset)
    {
        var table = new int[count * 3];
        for (var i = 0; i < count; i++)
        {
            table[i * 3] = reader.Read7BitEncodedInt();
            table[(i * 3) + 1] = reader.Read7BitEncodedInt();
            table[(i * 3) + 2] = reader.Position;
            PageLayout.SkipLineRest(ref reader);
        }

        return new EncodedPageLines(source, sourceOffset, table, count);
    }

    /// <summary>Where line <paramref name="index"/>'s text starts in the document text, without building the line.</summary>
    public int StartOf(int index) => _table[index * 3];

    /// <summary>Where line <paramref name="index"/>'s text ends in the document text, without building the line.</summary>
    public int EndOf(int index) => _table[index * 3] + _table[(index * 3) + 1];

    public IEnumerator<PageLine> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private PageLine Build(int index)
    {
        var rest = _table[(index * 3) + 2];
        var reader = new ByteReader(_source.AsSpan(_sourceOffset + rest));
        return PageLayout.ReadLineRest(ref reader, _table[index * 3], _table[(index * 3) + 1], _source, _sourceOffset + rest);
    }
}

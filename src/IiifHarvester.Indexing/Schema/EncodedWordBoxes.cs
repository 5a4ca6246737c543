using System.Collections;
using IiifHarvester.Iiif.Annotations;

namespace IiifHarvester.Indexing.Schema;

/// <summary>A line's word boxes still encoded in the page record, decoded on first use.</summary>
internal sealed class EncodedWordBoxes : IReadOnlyList<WordBox>
{
    private readonly byte[] _source;
    private readonly int _offset;
    private WordBox[]? _decoded;

    public EncodedWordBoxes(byte[] source, int offset, int count)
    {
        _source = source;
        _offset = offset;
        Count = count;
    }

    public int Count { get; }

    public WordBox this[int index] => Decoded[index];

    private WordBox[] Decoded
    {
        get
        {
            if (_decoded is null)
            {
                var reader = new ByteReader(_source.AsSpan(_offset));
                _decoded = PageLayout.ReadWords(ref reader, Count);
            }

            return _decoded;
        }
    }

    public IEnumerator<WordBox> GetEnumerator() => ((IEnumerable<WordBox>)Decoded).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

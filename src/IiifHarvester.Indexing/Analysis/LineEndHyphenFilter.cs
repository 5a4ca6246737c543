using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace IiifHarvester.Indexing.Analysis;

/// <summary>
/// Where a plain hyphen ends a line between two words (<see cref="HyphenationCharFilter.EndsLineWithHyphen"/>), adds
/// the two parts as one word, stacked on the first (position increment 0) and spanning both: OCR in PAGE XML and hOCR
/// keeps the printed "-" of a word broken at the line's end ("Verer-" then "bung"), which may as well be the word's own
/// ("Nord-" then "Süd", "well-" then "known"). With both indexed, <c>vererbung</c>, <c>nord</c> and <c>known</c> all
/// find their line, the joined word boxed over both lines. It stands at the first part's position because offsets may
/// not go backwards: a phrase through it matches with the word before it (<c>"die vererbung"</c>), not after.
/// </summary>
internal sealed class LineEndHyphenFilter : TokenFilter
{
    private readonly ICharTermAttribute _term;
    private readonly IOffsetAttribute _offset;
    private readonly IPositionIncrementAttribute _increment;
    private State? _joined;
    private State? _next;

    public LineEndHyphenFilter(TokenStream input)
        : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
        _increment = AddAttribute<IPositionIncrementAttribute>();
    }

    /// <summary>The char filter the text comes through (it knows where hyphens end lines); set per text.</summary>
    public HyphenationCharFilter? Source { get; set; }

    public override bool IncrementToken()
    {
        if (_joined is not null)
        {
            RestoreState(_joined);
            _joined = null;
            return true;
        }

        if (_next is not null)
        {
            RestoreState(_next);
            _next = null;
        }
        else if (!m_input.IncrementToken())
        {
            return false;
        }

        var end = _offset.EndOffset;
        if (Source is not { } source || !source.EndsLineWithHyphen(end, out var nextLine))
        {
            return true;
        }

        // Look at the next word: the two join when it starts the next line, right after the break (or a continued
        // quotation's "» ").
        var first = CaptureState();
        var start = _offset.StartOffset;
        var head = _term.ToString();
        if (!m_input.IncrementToken())
        {
            RestoreState(first);
            return true;
        }

        _next = CaptureState();
        if (_offset.StartOffset == nextLine)
        {
            var tail = _term.ToString();
            var nextEnd = _offset.EndOffset;
            ClearAttributes();
            _term.SetEmpty().Append(head).Append(tail);
            _offset.SetOffset(start, nextEnd);
            _increment.PositionIncrement = 0;
            _joined = CaptureState();
        }

        RestoreState(first);
        return true;
    }

    public override void Reset()
    {
        base.Reset();
        _joined = null;
        _next = null;
    }
}

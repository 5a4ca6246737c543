using System.Globalization;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace IiifHarvester.Indexing.Analysis;

/// <summary>
/// Lowercases tokens with the invariant culture's simple case mapping, as Lucene's <c>LowerCaseFilter</c> does,
/// but from a table of the Basic Multilingual Plane built once: the stock filter asks ICU for every token, which
/// profiling showed to be the largest single cost of indexing. Supplementary characters (rare, and almost never
/// cased) still go through the culture's mapping.
/// </summary>
internal sealed class InvariantLowerCaseFilter : TokenFilter
{
    private static readonly char[] Lower = BuildTable();

    private readonly ICharTermAttribute _term;

    public InvariantLowerCaseFilter(TokenStream input)
        : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
    }

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }

        var buffer = _term.Buffer;
        var length = _term.Length;
        for (var i = 0; i < length; i++)
        {
            var c = buffer[i];
            if (char.IsHighSurrogate(c) && i + 1 < length && char.IsLowSurrogate(buffer[i + 1]))
            {
                var pair = new string(buffer, i, 2);
                var lowered = CultureInfo.InvariantCulture.TextInfo.ToLower(pair);
                if (lowered.Length == 2)
                {
                    buffer[i] = lowered[0];
                    buffer[i + 1] = lowered[1];
                }

                i++;
                continue;
            }

            buffer[i] = Lower[c];
        }

        return true;
    }

    private static char[] BuildTable()
    {
        var table = new char[char.MaxValue + 1];
        for (var c = 0; c <= char.MaxValue; c++)
        {
            table[c] = char.IsSurrogate((char)c) ? (char)c : char.ToLowerInvariant((char)c);
        }

        return table;
    }
}

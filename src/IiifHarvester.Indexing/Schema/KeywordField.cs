using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;

namespace IiifHarvester.Indexing.Schema;

/// <summary>
/// A <see cref="StringField"/> (the whole value as one term) whose token stream is reused. Lucene gives every
/// StringField instance a token stream of its own, with its attribute maps, and reuses it only when the same Field
/// object is indexed again; the builders make fresh fields per document, so that was an allocation of several
/// objects per keyword per document. Fields are inverted one after another on the indexing thread, each stream
/// disposed before the next is asked for, so one stream per thread serves them all.
/// </summary>
internal sealed class KeywordField : Field
{
    [ThreadStatic]
    private static KeywordTokenStream? t_stream;

    public KeywordField(string name, string value, Store store)
        : base(name, value, store == Store.YES ? StringField.TYPE_STORED : StringField.TYPE_NOT_STORED)
    {
    }

    /// <inheritdoc />
    public override TokenStream GetTokenStream(Analyzer analyzer)
    {
        var stream = t_stream ??= new KeywordTokenStream();
        stream.SetValue(GetStringValue());
        return stream;
    }

    private sealed class KeywordTokenStream : TokenStream
    {
        private readonly ICharTermAttribute _term;
        private readonly IOffsetAttribute _offset;
        private string _value = string.Empty;
        private bool _used = true;

        public KeywordTokenStream()
        {
            _term = AddAttribute<ICharTermAttribute>();
            _offset = AddAttribute<IOffsetAttribute>();
        }

        public void SetValue(string value)
        {
            _value = value;
            _used = true;
        }

        public override bool IncrementToken()
        {
            if (_used)
            {
                return false;
            }

            ClearAttributes();
            _term.Append(_value);
            _offset.SetOffset(0, _value.Length);
            _used = true;
            return true;
        }

        public override void End()
        {
            base.End();
            _offset.SetOffset(_value.Length, _value.Length);
        }

        public override void Reset()
        {
            base.Reset();
            _used = false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _value = string.Empty;
            }

            base.Dispose(disposing);
        }
    }
}

using Lucene.Net.Util;

namespace IiifHarvester.Indexing.Querying;

/// <summary>One term of a compiled alternative, at its position relative to the alternative's first token.</summary>
/// <param name="Field">The field.</param>
/// <param name="Bytes">The term.</param>
/// <param name="RelativePosition">Its position relative to the first token.</param>
internal sealed record QueryTerm(string Field, BytesRef Bytes, int RelativePosition);

using IiifHarvester.Iiif.Parsing;

namespace IiifHarvester.Crawling.Fetching;

/// <summary>A fetched and parsed document, or why not.</summary>
/// <param name="Fetch">The fetch.</param>
/// <param name="Document">The parsed document; null when the fetch or the parse failed.</param>
/// <param name="Body">The bytes parsed: the fetched body, or the stored copy's on a 304.</param>
/// <param name="Error">Why there is no document.</param>
/// <param name="Warnings">The parser's warnings.</param>
internal sealed record LoadedDocument(FetchResult Fetch, IiifDocument? Document, ReadOnlyMemory<byte> Body, string? Error, IReadOnlyList<string> Warnings);

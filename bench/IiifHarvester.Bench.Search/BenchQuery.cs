using IiifHarvester.Indexing.Search;

namespace IiifHarvester.Bench.Search;

/// <summary>One benchmark request: its URL on our server, and the same request made in-process.</summary>
/// <param name="Url">The path and query string.</param>
/// <param name="InProcess">The same request through <see cref="IContentSearch"/>; returns how many hits it found.</param>
internal sealed record BenchQuery(string Url, Func<IContentSearch, int> InProcess);

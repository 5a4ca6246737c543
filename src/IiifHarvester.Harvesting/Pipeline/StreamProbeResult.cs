using IiifHarvester.Crawling.Fetching;

namespace IiifHarvester.Harvesting.Pipeline;

/// <summary>What a stream probe found.</summary>
/// <param name="Unchanged">Nothing was added since the state it was given.</param>
/// <param name="Current">The stream's last page as it is now; null when it could not be read.</param>
/// <param name="Requests">The requests it made.</param>
/// <param name="Fetched">What it fetched, by absolute URI, for the walk to reuse.</param>
internal sealed record StreamProbeResult(bool Unchanged, StreamPageState? Current, int Requests, IReadOnlyDictionary<string, FetchResult> Fetched);

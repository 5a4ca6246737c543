using System.Collections.Concurrent;
using IiifHarvester.Crawling.Fetching;
using IiifHarvester.Sources;
using IiifHarvester.Storage.Failures;

namespace IiifHarvester.Harvesting.Pipeline;

/// <summary>What one harvest run of one source shares across its steps.</summary>
/// <param name="Source">The source.</param>
/// <param name="Counters">Its counts.</param>
/// <param name="Errors">Its errors (the newest 50 are kept).</param>
/// <param name="Policy">How its documents are fetched.</param>
internal sealed record HarvestRun(SourceDefinition Source, HarvestCounters Counters, ConcurrentQueue<string> Errors, FetchPolicy Policy)
{
    private const int MaxErrors = 50;

    /// <summary>The source's documents that kept failing, by URI, as the store held them when the run started.</summary>
    public ConcurrentDictionary<string, DocumentFailure> Failures { get; } = new(StringComparer.Ordinal);

    /// <summary>The documents this run tried already (so a failure it just recorded is not retried in the same run).</summary>
    public ConcurrentDictionary<string, byte> Attempted { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// While a stream's changes are applied: the change log's last number when this walk began, or, when this walk
    /// redoes one that was cut off (a node killed, a run stopped), when that one began. A manifest logged after it
    /// was logged by one of the two walks, so a replayed activity need not log it again. Null otherwise.
    /// </summary>
    public long? WalkFrom { get; set; }

    /// <summary>Records an error, dropping the oldest past the bound.</summary>
    public void Error(string message)
    {
        Errors.Enqueue(message);
        while (Errors.Count > MaxErrors && Errors.TryDequeue(out _))
        {
        }
    }
}

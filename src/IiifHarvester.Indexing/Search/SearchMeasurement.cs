using System.Diagnostics;

namespace IiifHarvester.Indexing.Search;

/// <summary>
/// The span and the <c>iiifharvester.search.duration</c> measurement of one read of the index: started with
/// <see cref="Start"/>, recorded when disposed (on the injected clock).
/// </summary>
internal sealed class SearchMeasurement : IDisposable
{
    private readonly string _operation;
    private readonly TimeProvider _timeProvider;
    private readonly long _started;

    private SearchMeasurement(string operation, TimeProvider timeProvider)
    {
        _operation = operation;
        _timeProvider = timeProvider;
        Activity = IndexingTelemetry.Source.StartActivity(operation switch
        {
            "autocomplete" => "iiifharvester.search.autocomplete",
            "catalog" => "iiifharvester.search.catalog",
            _ => "iiifharvester.search",
        });
        _started = timeProvider.GetTimestamp();
    }

    /// <summary>The span, when anyone listens.</summary>
    public Activity? Activity { get; }

    /// <summary>Starts measuring an <paramref name="operation"/> (search, autocomplete, catalog).</summary>
    public static SearchMeasurement Start(string operation, TimeProvider timeProvider) => new(operation, timeProvider);

    public void Dispose()
    {
        IndexingTelemetry.Duration.Record(
            _timeProvider.GetElapsedTime(_started).TotalSeconds,
            new KeyValuePair<string, object?>(IndexingTelemetry.OperationAttribute, _operation));
        Activity?.Dispose();
    }
}

using System.Diagnostics;

namespace IiifHarvester.Indexing.Search;

/// <summary>
/// The span and the <c>iiifharvester.search.duration</c> measurement of one read of the index: started with
/// <see cref="Start"/>, recorded when disposed (on the injected clock), with <c>error.type</c> when it failed.
/// </summary>
internal sealed class SearchMeasurement : IDisposable
{
    private readonly string _operation;
    private readonly TimeProvider _timeProvider;
    private readonly long _started;
    private string? _errorType;

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

    /// <summary>Marks the read as failed: its span as an error, its duration with <c>error.type</c> (the exception's type).</summary>
    public void Failed(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        _errorType = exception.GetType().FullName;
        Activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
        Activity?.SetTag("error.type", _errorType);
    }

    public void Dispose()
    {
        var operation = new KeyValuePair<string, object?>(IndexingTelemetry.OperationAttribute, _operation);
        var elapsed = _timeProvider.GetElapsedTime(_started).TotalSeconds;
        if (_errorType is null)
        {
            IndexingTelemetry.Duration.Record(elapsed, operation);
        }
        else
        {
            IndexingTelemetry.Duration.Record(elapsed, operation, new KeyValuePair<string, object?>("error.type", _errorType));
        }

        Activity?.Dispose();
    }
}

namespace IiifHarvester.Crawling.Fetching;

/// <summary>What one fetch carries through its attempts: for counting and for the retry log.</summary>
internal sealed class FetchState(FetchRequest request)
{
    private int _attempts;

    public FetchRequest Request { get; } = request;

    /// <summary>The hop being fetched (after redirects).</summary>
    public Uri CurrentUri { get; set; } = request.Uri;

    public int Attempts => Volatile.Read(ref _attempts);

    public void CountAttempt() => Interlocked.Increment(ref _attempts);
}

namespace IiifHarvester.Indexing.Querying;

/// <summary>A query the index cannot run as given; the message is meant for the user (HTTP 400).</summary>
public sealed class SearchQueryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SearchQueryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SearchQueryException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public SearchQueryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

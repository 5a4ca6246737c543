namespace IiifHarvester.Crawling.Fetching;

/// <summary>Thrown inside body reading when a size cap is hit; turned into <see cref="FetchStatus.TooLarge"/>.</summary>
internal sealed class BodyTooLargeException : Exception
{
    public BodyTooLargeException(string message)
        : base(message)
    {
    }

    public BodyTooLargeException()
    {
    }

    public BodyTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

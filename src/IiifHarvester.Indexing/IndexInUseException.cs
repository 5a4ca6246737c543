namespace IiifHarvester.Indexing;

/// <summary>
/// The index directory is held by another process: a data folder's index has one writer at a time, and a second
/// process that opened it too would delete the first one's unfinished segments when it rolled back.
/// </summary>
public sealed class IndexInUseException : IOException
{
    public IndexInUseException()
    {
    }

    public IndexInUseException(string message)
        : base(message)
    {
    }

    public IndexInUseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for <paramref name="location"/>, held by <paramref name="holder"/>.</summary>
    internal IndexInUseException(string location, string holder, Exception innerException)
        : base($"the index at {location} is in use by another process ({holder}); a data folder's index is written by one process at a time", innerException)
    {
        Location = location;
        Holder = holder;
    }

    /// <summary>The index directory.</summary>
    public string? Location { get; }

    /// <summary>Who holds it, as it recorded itself (host, process id, since when), or a note that it did not.</summary>
    public string? Holder { get; }
}

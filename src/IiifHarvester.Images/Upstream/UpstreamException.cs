namespace IiifHarvester.Images.Upstream;

/// <summary>
/// An upstream failure, with the status we answer (502 for a bad answer, 504 for a time-out, 403 for a host that no
/// configured source allows).
/// </summary>
public sealed class UpstreamException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UpstreamException(int statusCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
    }

    /// <summary>Creates a 502.</summary>
    public UpstreamException()
        : this(502, "Bad gateway.")
    {
    }

    /// <summary>Creates a 502.</summary>
    public UpstreamException(string message)
        : this(502, message)
    {
    }

    /// <summary>Creates a 502.</summary>
    public UpstreamException(string message, Exception innerException)
        : this(502, message, innerException)
    {
    }

    /// <summary>The HTTP status to answer with.</summary>
    public int StatusCode { get; }
}

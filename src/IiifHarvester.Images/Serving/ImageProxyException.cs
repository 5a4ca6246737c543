namespace IiifHarvester.Images.Serving;

/// <summary>A request the proxy cannot answer with an image, with the status to answer.</summary>
public sealed class ImageProxyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ImageProxyException(int statusCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
    }

    /// <summary>Creates a 502.</summary>
    public ImageProxyException()
        : this(502, "Bad gateway.")
    {
    }

    /// <summary>Creates a 502.</summary>
    public ImageProxyException(string message)
        : this(502, message)
    {
    }

    /// <summary>Creates a 502.</summary>
    public ImageProxyException(string message, Exception innerException)
        : this(502, message, innerException)
    {
    }

    /// <summary>The HTTP status.</summary>
    public int StatusCode { get; }

    /// <summary>The <c>Cache-Status</c> (RFC 9211) of the failed answer.</summary>
    public string CacheStatus { get; init; } = CacheStatusValues.Refused;
}

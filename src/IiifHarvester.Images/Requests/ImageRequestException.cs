namespace IiifHarvester.Images.Requests;

/// <summary>
/// A request the Image API says to refuse: 400 for malformed or out-of-bounds parameters, 501 for features the
/// service does not support (3.0 §7, 2.1 §6).
/// </summary>
public sealed class ImageRequestException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ImageRequestException(int statusCode, string message)
        : base(message)
    {
        StatusCode = statusCode;
    }

    /// <summary>Creates a 400.</summary>
    public ImageRequestException()
        : this(400, "Bad request.")
    {
    }

    /// <summary>Creates a 400.</summary>
    public ImageRequestException(string message)
        : this(400, message)
    {
    }

    /// <summary>Creates a 400.</summary>
    public ImageRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = 400;
    }

    /// <summary>The HTTP status to answer with.</summary>
    public int StatusCode { get; }

    internal static ImageRequestException BadRequest(string message) => new(400, message);

    internal static ImageRequestException NotImplemented(string message) => new(501, message);
}

using WireMock.ResponseBuilders;

namespace IiifHarvester.TestUtilities.Institutions;

/// <summary>
/// A fault a <see cref="WireMockInstitution"/> serves for one path. Status, body and redirect faults are served the
/// first <see cref="Times"/> requests and then the path answers normally; delays, holds and connection faults (served
/// by WireMock itself) last until removed.
/// </summary>
public sealed record InstitutionFault
{
    /// <summary>The HTTP status to answer with (0 = the normal one).</summary>
    public int Status { get; init; }

    /// <summary>A Retry-After header value (seconds, or an HTTP-date).</summary>
    public string? RetryAfter { get; init; }

    /// <summary>A body replacing the document (HTML instead of JSON, truncated JSON...).</summary>
    public string? Body { get; init; }

    /// <summary>Raw body bytes (a gzip bomb...).</summary>
    public byte[]? BodyBytes { get; init; }

    /// <summary>The Content-Type of <see cref="Body"/> or <see cref="BodyBytes"/>.</summary>
    public string ContentType { get; init; } = "application/json";

    /// <summary>Extra response headers (Content-Encoding, Location...).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>How many requests get the fault before the path recovers.</summary>
    public int Times { get; init; } = int.MaxValue;

    /// <summary>A delay before the response (served by WireMock; lasts until removed).</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>Awaited before each response is made (served by WireMock; lasts until removed): a request held for as long as a test needs.</summary>
    public Func<Task>? Hold { get; init; }

    /// <summary>A connection fault (served by WireMock; lasts until removed).</summary>
    public FaultType? Connection { get; init; }

    /// <summary>Answers <paramref name="status"/> the first <paramref name="times"/> requests.</summary>
    public static InstitutionFault WithStatus(int status, int times = int.MaxValue, string? retryAfter = null) =>
        new() { Status = status, Times = times, RetryAfter = retryAfter };

    /// <summary>Serves <paramref name="body"/> as <paramref name="contentType"/> with 200.</summary>
    public static InstitutionFault WithBody(string body, string contentType = "application/json", int times = int.MaxValue) =>
        new() { Status = 200, Body = body, ContentType = contentType, Times = times };

    /// <summary>Redirects to <paramref name="location"/> (absolute or relative).</summary>
    public static InstitutionFault RedirectTo(string location, int status = 302) =>
        new() { Status = status, Headers = new Dictionary<string, string> { ["Location"] = location } };

    /// <summary>Drops or corrupts the connection (WireMock's EMPTY_RESPONSE or MALFORMED_RESPONSE_CHUNK).</summary>
    public static InstitutionFault ConnectionFault(FaultType fault) => new() { Connection = fault };

    /// <summary>Answers normally once <paramref name="hold"/> completes (each request awaits it anew).</summary>
    public static InstitutionFault HeldUntil(Func<Task> hold) => new() { Hold = hold };

    /// <summary>Answers normally after <paramref name="delay"/>.</summary>
    public static InstitutionFault Delayed(TimeSpan delay) => new() { Delay = delay };
}

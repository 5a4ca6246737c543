using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace IiifHarvester.Web.Search;

/// <summary>
/// A JSON answer of the IIIF endpoints written straight with <see cref="Utf8JsonWriter"/> (the shapes are the
/// specifications', property by property), with media type, CORS, ETag and caching headers.
/// </summary>
public sealed class IiifJsonResult : IResult
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Keep non-ASCII text (CJK, diacritics) readable rather than \u-escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly Action<Utf8JsonWriter>? _write;
    private readonly ReadOnlyMemory<byte> _body;

    /// <summary>An answer written by <paramref name="write"/>.</summary>
    public IiifJsonResult(int statusCode, string contentType, Action<Utf8JsonWriter> write)
    {
        StatusCode = statusCode;
        ContentType = contentType;
        _write = write;
    }

    /// <summary>An answer of ready bytes.</summary>
    public IiifJsonResult(int statusCode, string contentType, ReadOnlyMemory<byte> body)
    {
        StatusCode = statusCode;
        ContentType = contentType;
        _body = body;
    }

    /// <summary>The status code.</summary>
    public int StatusCode { get; }

    /// <summary>The media type.</summary>
    public string ContentType { get; }

    /// <summary>The entity tag, when the answer is cacheable.</summary>
    public string? ETag { get; init; }

    /// <summary>How long the answer may be reused, when cacheable.</summary>
    public TimeSpan? MaxAge { get; init; }

    /// <summary>Whether the body depends on the request's Accept header.</summary>
    public bool VaryOnAccept { get; init; }

    /// <summary>A JSON error: <c>{"error": message, "status": code}</c>.</summary>
    public static IiifJsonResult Error(int statusCode, string message) =>
        new(statusCode, "application/json", writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("error", message);
            writer.WriteNumber("status", statusCode);
            writer.WriteEndObject();
        });

    /// <summary>304 Not Modified for a matching ETag.</summary>
    public static IResult NotModified(string etag, TimeSpan maxAge) => new NotModifiedResult(etag, maxAge);

    /// <summary>Whether the request's If-None-Match names <paramref name="etag"/>.</summary>
    public static bool Matches(HttpRequest request, string etag)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var value in request.Headers.IfNoneMatch)
        {
            if (value is null)
            {
                continue;
            }

            foreach (var candidate in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (candidate == "*" || string.Equals(candidate, etag, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = ContentType;
        if (ETag is not null)
        {
            response.Headers.ETag = ETag;
        }

        if (VaryOnAccept)
        {
            response.Headers.Vary = HeaderNames.Accept;
        }

        response.Headers.CacheControl = ETag is not null && MaxAge is { } maxAge
            ? $"public, max-age={(int)maxAge.TotalSeconds}"
            : "no-store";

        ReadOnlyMemory<byte> body;
        if (_write is not null)
        {
            var buffer = new ArrayBufferWriter<byte>(4096);
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                _write(writer);
            }

            body = buffer.WrittenMemory;
        }
        else
        {
            body = _body;
        }

        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, httpContext.RequestAborted);
    }

    private sealed class NotModifiedResult(string etag, TimeSpan maxAge) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = StatusCodes.Status304NotModified;
            response.Headers.ETag = etag;
            response.Headers.CacheControl = $"public, max-age={(int)maxAge.TotalSeconds}";
            return Task.CompletedTask;
        }
    }
}

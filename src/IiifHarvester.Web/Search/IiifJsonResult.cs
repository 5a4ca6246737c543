using System.Buffers;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace IiifHarvester.Web.Search;

/// <summary>
/// A JSON answer of the IIIF endpoints written straight with <see cref="Utf8JsonWriter"/> (the shapes are the
/// specifications', property by property), with media type, ETag and caching headers. Errors are
/// <see cref="IiifJsonError"/>, a matching conditional request <see cref="IiifNotModified"/>.
/// </summary>
public sealed class IiifJsonResult : IResult, IEndpointMetadataProvider
{
    internal static readonly JsonWriterOptions WriterOptions = new()
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
    public static IiifJsonError Error(int statusCode, string message) => new(statusCode, message);

    /// <summary>304 Not Modified for a matching ETag.</summary>
    public static IiifNotModified NotModified(string etag, TimeSpan maxAge) => new(etag, maxAge);

    /// <summary>Whether the request's If-None-Match names <paramref name="etag"/>.</summary>
    public static bool Matches(HttpRequest request, string etag)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Matches(request.Headers.IfNoneMatch.ToString(), etag);
    }

    /// <summary>Whether an If-None-Match value (its header lines joined by commas) names <paramref name="etag"/>.</summary>
    public static bool Matches(string? ifNoneMatch, string etag)
    {
        if (string.IsNullOrEmpty(ifNoneMatch))
        {
            return false;
        }

        foreach (var candidate in ifNoneMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (candidate == "*" || string.Equals(candidate, etag, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The body this answer writes.</summary>
    public ReadOnlyMemory<byte> Body()
    {
        if (_write is null)
        {
            return _body;
        }

        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            _write(writer);
        }

        return buffer.WrittenMemory;
    }

    /// <inheritdoc />
    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(void), [MediaTypes.JsonLd, MediaTypes.Json]));
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
            ? IiifNotModified.CacheControl(maxAge)
            : "no-store";

        if (_write is null)
        {
            response.ContentLength = _body.Length;
            await response.Body.WriteAsync(_body, httpContext.RequestAborted);
            return;
        }

        if (HttpMethods.IsHead(httpContext.Request.Method))
        {
            // The headers of the GET answer; Kestrel would drop the body anyway.
            return;
        }

        // Straight into the response's pipe (the server's pooled blocks, sent chunked): no buffer of the whole
        // answer, which across manifests is hundreds of KiB and grew by doubling on the large object heap.
        var output = response.BodyWriter;
        using (var writer = new Utf8JsonWriter(output, WriterOptions))
        {
            _write(writer);
        }

        await output.FlushAsync(httpContext.RequestAborted);
    }
}

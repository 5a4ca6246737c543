using System.Net.Http.Headers;

namespace IiifHarvester.Crawling.Fetching;

/// <summary>Turns one HTTP response into an <see cref="HttpAttempt"/>: reads the body of a 2xx (capped), maps the rest.</summary>
internal static class ResponseClassifier
{
    public static async Task<HttpAttempt> ClassifyAsync(
        Uri uri, FetchRequest request, HttpResponseMessage response, long maxBytes, long maxExpandedBytes, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var code = (int)response.StatusCode;
        var etag = response.Headers.ETag?.ToString();
        var lastModified = response.Content.Headers.LastModified;
        var contentType = response.Content.Headers.ContentType?.MediaType;

        if (code is >= 200 and < 300)
        {
            byte[] body;
            try
            {
                body = await BodyReader.ReadAsync(response.Content, maxBytes, maxExpandedBytes, cancellationToken).ConfigureAwait(false);
            }
            catch (BodyTooLargeException ex)
            {
                return HttpAttempt.Failed(FetchStatus.TooLarge, ex.Message, httpStatus: code);
            }
            catch (InvalidDataException ex)
            {
                return HttpAttempt.Failed(FetchStatus.InvalidResponse, $"the body could not be decoded: {ex.Message}", httpStatus: code);
            }

            if (request.ExpectJson)
            {
                body = JsonEncoding.ToUtf8(body, response.Content.Headers.ContentType?.CharSet);
                if (JsonProblem(body, contentType) is { } problem)
                {
                    return HttpAttempt.Failed(FetchStatus.InvalidResponse, problem, httpStatus: code);
                }
            }

            return new HttpAttempt
            {
                Status = FetchStatus.Ok,
                HttpStatus = code,
                Body = body,
                ContentType = contentType,
                ETag = etag,
                LastModified = lastModified,
            };
        }

        return code switch
        {
            // A 304 confirms the copy a conditional GET named (RFC 9110 §15.4.5); to a request that named none (a
            // misconfigured cache) there is no copy to keep, and reading it as "unchanged" would lose the document.
            304 when request.ETag is not { Length: > 0 } && request.LastModified is null =>
                HttpAttempt.Failed(FetchStatus.InvalidResponse, "HTTP 304 Not Modified to a request without validators", httpStatus: code),
            304 => new HttpAttempt { Status = FetchStatus.NotModified, HttpStatus = code, ETag = etag, LastModified = lastModified },
            301 or 302 or 303 or 307 or 308 => response.Headers.Location is { } location
                ? new HttpAttempt { Status = FetchStatus.InvalidResponse, HttpStatus = code, Location = new Uri(uri, location), Error = "redirect" }
                : HttpAttempt.Failed(FetchStatus.InvalidResponse, $"HTTP {code} without a Location header", httpStatus: code),
            401 => HttpAttempt.Failed(FetchStatus.Unauthorized, "HTTP 401 Unauthorized", httpStatus: code),
            403 => HttpAttempt.Failed(FetchStatus.Forbidden, "HTTP 403 Forbidden", httpStatus: code),
            404 => HttpAttempt.Failed(FetchStatus.NotFound, "HTTP 404 Not Found", httpStatus: code),
            410 => HttpAttempt.Failed(FetchStatus.Gone, "HTTP 410 Gone", httpStatus: code),

            // 408 and 429 are worth retrying but do not mean the host is failing: they do not trip the circuit.
            408 or 425 or 429 => HttpAttempt.Failed(FetchStatus.TransientFailure, $"HTTP {code}", transient: true, httpStatus: code)
                with { RetryAfter = RetryAfter(response.Headers.RetryAfter, timeProvider) },

            // 501 and 505 are permanent answers about the request, not a struggling host.
            >= 500 and < 600 and not (501 or 505) => HttpAttempt.Failed(FetchStatus.TransientFailure, $"HTTP {code}", transient: true, hostFailure: true, httpStatus: code)
                with { RetryAfter = RetryAfter(response.Headers.RetryAfter, timeProvider) },
            _ => HttpAttempt.Failed(FetchStatus.HttpError, $"HTTP {code}", httpStatus: code),
        };
    }

    /// <summary>The delay a Retry-After asks for, in seconds or as an HTTP-date (RFC 9110 §10.2.3); never negative.</summary>
    internal static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, TimeProvider timeProvider)
    {
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private static string? JsonProblem(byte[] body, string? contentType)
    {
        var span = body.AsSpan();
        var first = span.IndexOfAnyExcept(" \t\r\n"u8);
        if (first < 0)
        {
            return "the body is empty";
        }

        // A login page, an error page or a CMS's 200 "not found" page: HTML where a IIIF document should be.
        return span[first] == (byte)'<'
            ? $"markup ({contentType ?? "no Content-Type"}) served instead of JSON"
            : null;
    }
}

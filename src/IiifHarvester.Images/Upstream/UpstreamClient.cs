using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using IiifHarvester.Images.Registry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IiifHarvester.Images.Upstream;

/// <summary>
/// Fetches from image services: only URLs under a registered service id, on a host its source allows (redirects
/// included), bounded in size and time, with the content type checked.
/// </summary>
internal sealed class UpstreamClient(HttpClient http, IOptionsMonitor<ImagesOptions> options, ImagesStatistics statistics, ILogger<UpstreamClient> logger)
{
    private const int MaxRedirects = 3;

    /// <summary>GETs <c>{service id}/{relativePath}</c>.</summary>
    /// <param name="entry">The registered service.</param>
    /// <param name="relativePath">A path we built (canonical parameters or <c>info.json</c>), never the client's text.</param>
    /// <param name="kind">What the answer must be.</param>
    /// <param name="validators">Validators of a cached copy, for a conditional GET.</param>
    /// <param name="credentials">Client headers passed through to an auth-protected service (Authorization, Cookie).</param>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    public async Task<UpstreamResponse> GetAsync(
        ImageServiceEntry entry,
        string relativePath,
        UpstreamKind kind,
        UpstreamValidators? validators,
        IReadOnlyList<KeyValuePair<string, string>>? credentials,
        CancellationToken cancellationToken)
    {
        var opts = options.CurrentValue;
        var url = new Uri(entry.UpstreamServiceId.TrimEnd('/') + "/" + relativePath);
        using var activity = ImagesTelemetry.ActivitySource.StartActivity("image.upstream.fetch", ActivityKind.Client);
        activity?.SetTag("url.full", url.ToString());
        activity?.SetTag("iiif.source", entry.SourceKey);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(opts.UpstreamTimeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            for (var hop = 0; ; hop++)
            {
                if (!entry.IsHostAllowed(url))
                {
                    Log.HostRefused(logger, url.ToString(), entry.SourceKey);
                    throw new UpstreamException(403, "The image's host is not one of its source's configured hosts.");
                }

                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.Accept.ParseAdd(kind == UpstreamKind.Json ? "application/ld+json, application/json;q=0.9, */*;q=0.1" : "image/*, */*;q=0.1");
                if (validators?.ETag is { } etag)
                {
                    request.Headers.TryAddWithoutValidation("If-None-Match", etag);
                }
                else if (validators?.LastModified is { } lastModified)
                {
                    request.Headers.IfModifiedSince = lastModified;
                }

                foreach (var (name, value) in credentials ?? [])
                {
                    request.Headers.TryAddWithoutValidation(name, value);
                }

                statistics.CountUpstreamRequest();
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                if (IsRedirect(response.StatusCode) && response.Headers.Location is { } location && hop < MaxRedirects)
                {
                    url = location.IsAbsoluteUri ? location : new Uri(url, location);
                    continue;
                }

                var result = await ReadAsync(response, kind, opts.MaxUpstreamBytes, url, timeout.Token);
                var elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                Log.UpstreamFetched(logger, url, result.StatusCode, elapsedMs);
                activity?.SetTag("http.response.status_code", result.StatusCode);
                return result;
            }
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            statistics.CountUpstreamFailure();
            Log.UpstreamFailed(logger, url.ToString(), "time-out");
            throw new UpstreamException(504, $"The image server did not answer within {opts.UpstreamTimeout.TotalSeconds:0.#} s.", ex);
        }
        catch (HttpRequestException ex)
        {
            statistics.CountUpstreamFailure();
            Log.UpstreamFailed(logger, url.ToString(), ex.Message);
            throw new UpstreamException(502, "The image server could not be reached or sent a broken answer.", ex);
        }
        catch (IOException ex)
        {
            statistics.CountUpstreamFailure();
            Log.UpstreamFailed(logger, url.ToString(), ex.Message);
            throw new UpstreamException(502, "The image server sent a truncated answer.", ex);
        }
        catch (UpstreamException ex)
        {
            statistics.CountUpstreamFailure();
            Log.UpstreamFailed(logger, url.ToString(), ex.Message);
            throw;
        }
    }

    private static bool IsRedirect(HttpStatusCode status)
        => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static async Task<UpstreamResponse> ReadAsync(HttpResponseMessage response, UpstreamKind kind, long maxBytes, Uri url, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        var etag = response.Headers.ETag?.ToString();
        var lastModified = response.Content.Headers.LastModified;
        var contentType = response.Content.Headers.ContentType?.MediaType;
        if (status == 304)
        {
            return new UpstreamResponse(304, [], null, etag, lastModified);
        }

        if (response.Content.Headers.ContentLength is { } declared && declared > maxBytes)
        {
            throw new UpstreamException($"The image server's answer ({declared} bytes) is over the {maxBytes} byte limit.");
        }

        if (status is >= 200 and < 300 && !IsExpectedType(contentType, kind))
        {
            throw new UpstreamException($"The image server sent '{contentType}' where {(kind == UpstreamKind.Json ? "JSON" : "an image")} was expected ({url}).");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var body = await ReadBoundedAsync(stream, maxBytes, response.Content.Headers.ContentLength, ct);
        if (response.Content.Headers.ContentLength is { } length && length != body.Length)
        {
            throw new UpstreamException($"The image server's answer was truncated ({body.Length} of {length} bytes).");
        }

        return new UpstreamResponse(status, body, contentType, etag, lastModified);
    }

    private static bool IsExpectedType(string? contentType, UpstreamKind kind)
    {
        if (contentType is null)
        {
            // No type given: the body is checked later (JSON parse, image decode).
            return true;
        }

        return kind == UpstreamKind.Json
            ? contentType.Contains("json", StringComparison.OrdinalIgnoreCase) || contentType.Equals("text/plain", StringComparison.OrdinalIgnoreCase)
            : contentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase) || contentType.Equals("application/pdf", StringComparison.OrdinalIgnoreCase)
                || contentType.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<byte[]> ReadBoundedAsync(Stream stream, long maxBytes, long? declared, CancellationToken ct)
    {
        using var buffer = new MemoryStream(declared is > 0 and < 16 * 1024 * 1024 ? (int)declared.Value : 64 * 1024);
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new UpstreamException($"The image server's answer is over the {maxBytes} byte limit.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}

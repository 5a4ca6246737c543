using System.Diagnostics;
using IiifHarvester.Crawling.Institutions;
using IiifHarvester.Crawling.Telemetry;
using IiifHarvester.Images.Registry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IiifHarvester.Images.Upstream;

/// <summary>
/// Fetches from image services through the crawler's guarded <see cref="IInstitutionClient"/>: only URLs under a
/// registered service id, on a host its source allows and at an address its source may reach (redirects included),
/// bounded in size and time, with the content type checked.
/// </summary>
internal sealed class UpstreamClient(IInstitutionClient institutions, IOptionsMonitor<ImagesOptions> options, ImagesStatistics statistics, TimeProvider timeProvider, ILogger<UpstreamClient> logger)
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
        using var activity = ImagesTelemetry.ActivitySource.StartActivity("iiifharvester.images.upstream", ActivityKind.Client);
        activity?.SetTag("url.full", url.ToString());
        activity?.SetTag(CrawlingDiagnostics.SourceAttribute, entry.SourceKey);

        using var timeout = new CancellationTokenSource(opts.UpstreamTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var started = timeProvider.GetTimestamp();
        var request = new InstitutionRequest(url, entry.AllowPrivateNetworks)
        {
            Accept = kind == UpstreamKind.Json ? "application/ld+json, application/json;q=0.9, */*;q=0.1" : "image/*, */*;q=0.1",
            ETag = validators?.ETag,
            LastModified = validators?.LastModified,
            Headers = credentials ?? [],
            MaxBytes = opts.MaxUpstreamBytes,
            MaxRedirects = MaxRedirects,
            IsAllowed = entry.IsHostAllowed,
        };
        try
        {
            statistics.CountUpstreamRequest();
            var response = await institutions.GetAsync(request, linked.Token);
            var result = Check(response, kind);
            var elapsedMs = (long)timeProvider.GetElapsedTime(started).TotalMilliseconds;
            Log.UpstreamFetched(logger, response.FinalUri, result.StatusCode, elapsedMs);
            activity?.SetTag("http.response.status_code", result.StatusCode);
            return result;
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            statistics.CountUpstreamFailure();
            Log.UpstreamFailed(logger, url.ToString(), "time-out");
            throw new UpstreamException(504, $"The image server did not answer within {opts.UpstreamTimeout.TotalSeconds:0.#} s.", ex);
        }
        catch (InstitutionRequestException ex) when (ex.Failure is InstitutionFailure.NotAllowed or InstitutionFailure.AddressRefused)
        {
            // Refused before any connection to the address: another source's host, or an address inside our network.
            statistics.CountUpstreamFailure();
            Log.HostRefused(logger, url.ToString(), entry.SourceKey, ex.Message);
            throw new UpstreamException(403, ex.Failure == InstitutionFailure.NotAllowed
                ? "The image's host is not one of its source's configured hosts."
                : "The image's address is on a private network its source may not reach.", ex);
        }
        catch (InstitutionRequestException ex)
        {
            statistics.CountUpstreamFailure();
            Log.UpstreamFailed(logger, url.ToString(), ex.Message);
            throw new UpstreamException(502, ex.Failure == InstitutionFailure.TooLarge
                ? $"The image server's answer is over the {opts.MaxUpstreamBytes} byte limit."
                : "The image server sent an unusable answer (too many redirects, or a body that could not be decoded).", ex);
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

    private static UpstreamResponse Check(InstitutionResponse response, UpstreamKind kind)
    {
        if (response.StatusCode == 304)
        {
            return new UpstreamResponse(304, [], null, response.ETag, response.LastModified);
        }

        if (response.StatusCode is >= 200 and < 300 && !IsExpectedType(response.ContentType, kind))
        {
            throw new UpstreamException($"The image server sent '{response.ContentType}' where {(kind == UpstreamKind.Json ? "JSON" : "an image")} was expected ({response.FinalUri}).");
        }

        return new UpstreamResponse(response.StatusCode, response.Body, response.ContentType, response.ETag, response.LastModified);
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
}

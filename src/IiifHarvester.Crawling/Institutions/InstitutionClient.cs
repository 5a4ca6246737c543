using System.Net;
using IiifHarvester.Crawling.Addresses;
using IiifHarvester.Crawling.Fetching;
using IiifHarvester.Crawling.Politeness;
using Microsoft.Extensions.Options;

namespace IiifHarvester.Crawling.Institutions;

/// <summary>The <see cref="IInstitutionClient"/> over the crawler's <see cref="InstitutionConnections"/>.</summary>
internal sealed class InstitutionClient : IInstitutionClient
{
    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Accept", "Accept-Encoding", "If-None-Match", "If-Modified-Since", "Connection", "Transfer-Encoding", "Content-Length", "TE", "Upgrade", "User-Agent",
    };

    private readonly InstitutionConnections _connections;
    private readonly CrawlingOptions _options;

    public InstitutionClient(InstitutionConnections connections, IOptions<CrawlingOptions> options)
    {
        _connections = connections;
        _options = options.Value;
    }

    public async Task<InstitutionResponse> GetAsync(InstitutionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.Uri;
        var (maxBytes, maxExpanded) = _options.BodyLimits(request.MaxBytes);
        var client = _connections.ClientFor(request.AllowPrivateNetworks);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        for (var hop = 0; ; hop++)
        {
            Check(uri, request);
            if (!visited.Add(uri.AbsoluteUri))
            {
                throw new InstitutionRequestException(InstitutionFailure.TooManyRedirects, $"redirect loop at {uri}");
            }

            var gate = _connections.GateFor(HostKey.Of(uri) + "|" + request.Lane);
            using var lease = await gate.AcquireAsync(request.MaxConcurrencyPerHost, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            // Credentials passed through go to the first request's host only, never to where it redirects.
            using var message = BuildMessage(uri, request, sameOrigin: hop == 0 || SameOrigin(uri, request.Uri));
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex) when (Find<AddressBlockedException>(ex) is { } blocked)
            {
                throw new InstitutionRequestException(InstitutionFailure.AddressRefused, blocked.Message, ex);
            }

            using (response)
            {
                if (IsRedirect(response.StatusCode) && response.Headers.Location is { } location)
                {
                    if (hop >= request.MaxRedirects)
                    {
                        throw new InstitutionRequestException(InstitutionFailure.TooManyRedirects, $"more than {request.MaxRedirects} redirects from {request.Uri}");
                    }

                    uri = location.IsAbsoluteUri ? location : new Uri(uri, location);
                    continue;
                }

                byte[] body;
                try
                {
                    body = await BodyReader.ReadAsync(response.Content, maxBytes, maxExpanded, cancellationToken).ConfigureAwait(false);
                }
                catch (BodyTooLargeException ex)
                {
                    throw new InstitutionRequestException(InstitutionFailure.TooLarge, ex.Message, ex);
                }
                catch (InvalidDataException ex)
                {
                    throw new InstitutionRequestException(InstitutionFailure.Undecodable, $"the body could not be decoded: {ex.Message}", ex);
                }

                return new InstitutionResponse(
                    (int)response.StatusCode,
                    uri,
                    body,
                    response.Content.Headers.ContentType?.MediaType,
                    response.Headers.ETag?.ToString(),
                    response.Content.Headers.LastModified);
            }
        }
    }

    private static bool IsRedirect(HttpStatusCode status)
        => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static T? Find<T>(Exception? exception)
        where T : Exception
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }

    private void Check(Uri uri, InstitutionRequest request)
    {
        if (_connections.BlockedReason(uri, request.AllowPrivateNetworks) is { } reason)
        {
            throw new InstitutionRequestException(InstitutionFailure.AddressRefused, reason);
        }

        if (request.IsAllowed is { } isAllowed && !isAllowed(uri))
        {
            throw new InstitutionRequestException(InstitutionFailure.NotAllowed, $"{uri.Authority} is not one of the source's hosts");
        }
    }

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase) && string.Equals(HostKey.Of(a), HostKey.Of(b), StringComparison.Ordinal);

    private HttpRequestMessage BuildMessage(Uri uri, InstitutionRequest request, bool sameOrigin)
    {
        var message = new HttpRequestMessage(HttpMethod.Get, uri);
        var headers = message.Headers;
        headers.TryAddWithoutValidation("User-Agent", _connections.UserAgent);
        headers.TryAddWithoutValidation("Accept", request.Accept);
        headers.TryAddWithoutValidation("Accept-Encoding", "gzip, deflate, br");
        foreach (var (name, value) in sameOrigin ? request.Headers : [])
        {
            if (!ReservedHeaders.Contains(name))
            {
                headers.TryAddWithoutValidation(name, value);
            }
        }

        if (request.ETag is { Length: > 0 } etag)
        {
            headers.TryAddWithoutValidation("If-None-Match", etag);
        }
        else if (request.LastModified is { } lastModified)
        {
            headers.IfModifiedSince = lastModified;
        }

        return message;
    }
}

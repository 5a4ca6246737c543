using System.IO.Compression;
using System.Text;
using IiifHarvester.Crawling.Fetching;
using IiifHarvester.Iiif.Parsing;
using IiifHarvester.TestUtilities.Institutions;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Xunit;

namespace IiifHarvester.Crawling.Tests.Fetching;

public sealed class IiifFetcherTests : IDisposable
{
    // The raw servers answer every path alike, robots.txt included.
    private static readonly FetchPolicy NoRobots = CrawlerHost.Loopback with { RespectRobotsTxt = false };

    private readonly WireMockInstitution _institution = WireMockInstitution.Create().WithManifests(3).Build();

    public void Dispose() => _institution.Dispose();

    [Fact]
    public async Task Fetch_Manifest_ReturnsBodyETagAndContentType()
    {
        using var host = new CrawlerHost();

        var result = await host.FetchAsync(_institution.ManifestUri(1));

        Assert.Equal(FetchStatus.Ok, result.Status);
        Assert.Equal(200, result.HttpStatus);
        Assert.Equal("application/ld+json", result.ContentType);
        var sent = _institution.Server.LogEntries.Last(e => e.RequestMessage?.Path == "/manifests/1.json").ResponseMessage!.Headers!["ETag"].Single();
        Assert.StartsWith("\"", sent, StringComparison.Ordinal);
        Assert.Equal(sent, result.ETag);
        Assert.Contains("Manifest 1", Encoding.UTF8.GetString(result.Body.Span), StringComparison.Ordinal);
        Assert.Equal(1, result.Attempts);
    }

    [Fact]
    public async Task Fetch_SendsUserAgentWithContactAndPolicyHeaders()
    {
        using var host = new CrawlerHost();
        var policy = CrawlerHost.Loopback with { Headers = new Dictionary<string, string> { ["X-Api-Key"] = "secret", ["Host"] = "evil" } };

        await host.FetchAsync(_institution.ManifestUri(0), policy);

        var headers = _institution.Server.LogEntries.Last(e => e.RequestMessage?.Path == "/manifests/0.json").RequestMessage!.Headers!;
        Assert.Equal("IiifHarvester/1.0 (+https://example.org/harvester)", headers["User-Agent"].Single());
        Assert.Equal("secret", headers["X-Api-Key"].Single());
        Assert.DoesNotContain("evil", headers["Host"].Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_WithMatchingETag_ReturnsNotModified()
    {
        using var host = new CrawlerHost();
        var first = await host.FetchAsync(_institution.ManifestUri(2));

        var second = await host.Fetcher.FetchAsync(new FetchRequest(_institution.ManifestUri(2), CrawlerHost.Loopback) { ETag = first.ETag }, CancellationToken.None);
        _institution.ReviseManifest(2);
        var third = await host.Fetcher.FetchAsync(new FetchRequest(_institution.ManifestUri(2), CrawlerHost.Loopback) { ETag = first.ETag }, CancellationToken.None);

        Assert.Equal(FetchStatus.NotModified, second.Status);
        Assert.True(second.Body.IsEmpty);
        Assert.Equal(FetchStatus.Ok, third.Status);
        Assert.NotEqual(first.ETag, third.ETag);
    }

    [Fact]
    public async Task Fetch_BurstOf500And503ThenSuccess_RetriesAndSucceeds()
    {
        using var host = new CrawlerHost();
        _institution.SetFault("/manifests/0.json", InstitutionFault.WithStatus(503, times: 2));
        _institution.SetFault("/manifests/1.json", InstitutionFault.WithStatus(500, times: 3));

        var a = await host.FetchAsync(_institution.ManifestUri(0));
        var b = await host.FetchAsync(_institution.ManifestUri(1));

        Assert.Equal((FetchStatus.Ok, 3), (a.Status, a.Attempts));
        Assert.Equal((FetchStatus.Ok, 4), (b.Status, b.Attempts));
    }

    [Fact]
    public async Task Fetch_500BeyondRetries_IsTransientFailureNeverDeletion()
    {
        using var host = new CrawlerHost();
        _institution.SetFault("/manifests/0.json", InstitutionFault.WithStatus(500));

        var result = await host.FetchAsync(_institution.ManifestUri(0));

        Assert.Equal(FetchStatus.TransientFailure, result.Status);
        Assert.Equal(500, result.HttpStatus);
        Assert.Equal(4, result.Attempts);
        Assert.False(result.MeansDeleted);
    }

    [Theory]
    [InlineData(401, FetchStatus.Unauthorized)]
    [InlineData(403, FetchStatus.Forbidden)]
    [InlineData(400, FetchStatus.HttpError)]
    [InlineData(501, FetchStatus.HttpError)]
    public async Task Fetch_AccessDeniedOnPreviouslyHarvestedManifest_IsNeverADeletion(int status, FetchStatus expected)
    {
        using var host = new CrawlerHost();
        var before = await host.FetchAsync(_institution.ManifestUri(1));
        _institution.SetFault("/manifests/1.json", InstitutionFault.WithStatus(status));

        var after = await host.FetchAsync(_institution.ManifestUri(1));

        Assert.Equal(FetchStatus.Ok, before.Status);
        Assert.Equal(expected, after.Status);
        Assert.False(after.MeansDeleted);
        Assert.Equal(1, after.Attempts);
    }

    [Theory]
    [InlineData(404, FetchStatus.NotFound)]
    [InlineData(410, FetchStatus.Gone)]
    public async Task Fetch_NotFoundOrGone_MeansDeleted(int status, FetchStatus expected)
    {
        using var host = new CrawlerHost();
        _institution.SetFault("/manifests/1.json", InstitutionFault.WithStatus(status));

        var result = await host.FetchAsync(_institution.ManifestUri(1));

        Assert.Equal(expected, result.Status);
        Assert.True(result.MeansDeleted);
    }

    [Fact]
    public async Task Fetch_HtmlInsteadOfJson_IsInvalidResponse()
    {
        using var host = new CrawlerHost();
        _institution.SetFault("/manifests/0.json", InstitutionFault.WithBody("<!DOCTYPE html><html><body>Please log in</body></html>", "text/html"));

        var result = await host.FetchAsync(_institution.ManifestUri(0));
        var asText = await host.Fetcher.FetchAsync(new FetchRequest(_institution.ManifestUri(0), CrawlerHost.Loopback) { ExpectJson = false }, CancellationToken.None);

        Assert.Equal(FetchStatus.InvalidResponse, result.Status);
        Assert.Contains("text/html", result.Error, StringComparison.Ordinal);
        Assert.Equal(FetchStatus.Ok, asText.Status);
    }

    [Theory]
    [InlineData("text/html; charset=utf-8", "text/html")]
    [InlineData("text/plain", "text/plain")]
    [InlineData("application/octet-stream", "application/octet-stream")]
    [InlineData("application/ld+json;profile=\"http://iiif.io/api/presentation/3/context.json\"", "application/ld+json")]
    public async Task Fetch_JsonUnderAnyContentType_IsReadAsJson(string served, string mediaType)
    {
        // Browsers and viewers read a manifest by its bytes, not its Content-Type; only markup is refused.
        using var host = new CrawlerHost();
        var json = "{\"id\":\"http://example.org/m\",\"type\":\"Manifest\"}";
        _institution.SetFault("/typed.json", InstitutionFault.WithBody(json, served));

        var result = await host.FetchAsync(_institution.Url("/typed.json"));

        Assert.Equal(FetchStatus.Ok, result.Status);
        Assert.Equal(mediaType, result.ContentType);
        Assert.Equal(json, Encoding.UTF8.GetString(result.Body.Span));
    }

    [Fact]
    public async Task Fetch_TruncatedJson_IsFetchedOk()
    {
        // The fetcher does not judge JSON; the walkers' parse does (see the walker tests).
        using var host = new CrawlerHost();
        _institution.SetFault("/manifests/0.json", InstitutionFault.WithBody("{\"id\":\"x\",\"type\":\"Manif"));

        var result = await host.FetchAsync(_institution.ManifestUri(0));

        Assert.Equal(FetchStatus.Ok, result.Status);
    }

    [Fact]
    public async Task Fetch_RedirectChain_FollowsToFinalUri()
    {
        using var host = new CrawlerHost();
        _institution.SetFault("/old/0.json", InstitutionFault.RedirectTo("/older/0.json", 301));
        _institution.SetFault("/older/0.json", InstitutionFault.RedirectTo(_institution.ManifestUri(0).AbsoluteUri, 308));

        var result = await host.FetchAsync(_institution.Url("/old/0.json"));

        Assert.Equal(FetchStatus.Ok, result.Status);
        Assert.Equal(_institution.ManifestUri(0), result.FinalUri);
        Assert.Equal(3, result.Attempts);
    }

    [Fact]
    public async Task Fetch_RedirectLoop_IsInvalidResponse()
    {
        using var host = new CrawlerHost();
        _institution.SetFault("/a.json", InstitutionFault.RedirectTo("/b.json"));
        _institution.SetFault("/b.json", InstitutionFault.RedirectTo("/a.json"));

        var result = await host.FetchAsync(_institution.Url("/a.json"));

        Assert.Equal(FetchStatus.InvalidResponse, result.Status);
        Assert.Contains("redirect loop", result.Error, StringComparison.Ordinal);
        Assert.Equal(2, result.Attempts);
    }

    [Fact]
    public async Task Fetch_TooManyRedirects_IsInvalidResponse()
    {
        using var host = new CrawlerHost(o => o.MaxRedirects = 3);
        for (var i = 0; i < 10; i++)
        {
            _institution.SetFault($"/hop/{i}.json", InstitutionFault.RedirectTo($"/hop/{i + 1}.json"));
        }

        var result = await host.FetchAsync(_institution.Url("/hop/0.json"));

        Assert.Equal(FetchStatus.InvalidResponse, result.Status);
        Assert.Contains("more than 3 redirects", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_RedirectToAnotherScheme_IsBlocked()
    {
        using var host = new CrawlerHost();
        _institution.SetFault("/to-file.json", InstitutionFault.RedirectTo("file:///etc/passwd"));

        var result = await host.FetchAsync(_institution.Url("/to-file.json"));

        Assert.Equal(FetchStatus.Blocked, result.Status);
    }

    [Fact]
    public async Task Fetch_GzipBody_IsDecompressed()
    {
        using var host = new CrawlerHost();
        var json = "{\"id\":\"http://example.org/m\",\"type\":\"Manifest\"}";
        _institution.SetFault("/gz.json", new InstitutionFault
        {
            Status = 200,
            BodyBytes = Gzip(Encoding.UTF8.GetBytes(json)),
            Headers = new Dictionary<string, string> { ["Content-Encoding"] = "gzip" },
        });

        var result = await host.FetchAsync(_institution.Url("/gz.json"));

        Assert.Equal(FetchStatus.Ok, result.Status);
        Assert.Equal(json, Encoding.UTF8.GetString(result.Body.Span));
    }

    [Theory]
    [InlineData("deflate", true)]
    // Old IIS and PHP's gzdeflate send raw DEFLATE without the zlib wrapper RFC 9110 §8.4.1.2 asks for; browsers read it.
    [InlineData("deflate", false)]
    [InlineData("br", false)]
    public async Task Fetch_DeflateOrBrotliBody_IsDecompressed(string coding, bool zlib)
    {
        using var host = new CrawlerHost();
        var json = "{\"id\":\"http://example.org/m\",\"type\":\"Manifest\"}";
        var data = Encoding.UTF8.GetBytes(json);
        _institution.SetFault("/z.json", new InstitutionFault
        {
            Status = 200,
            BodyBytes = coding == "br" ? Compress(data, s => new BrotliStream(s, CompressionLevel.Optimal)) :
                zlib ? Compress(data, s => new ZLibStream(s, CompressionLevel.Optimal)) : Compress(data, s => new DeflateStream(s, CompressionLevel.Optimal)),
            Headers = new Dictionary<string, string> { ["Content-Encoding"] = coding },
        });

        var result = await host.FetchAsync(_institution.Url("/z.json"));

        Assert.True(result.Status == FetchStatus.Ok, result.Error);
        Assert.Equal(json, Encoding.UTF8.GetString(result.Body.Span));
    }

    [Fact]
    public async Task Fetch_GzipHeaderOnAPlainBody_IsInvalidResponse()
    {
        using var host = new CrawlerHost();
        _institution.SetFault("/not-gz.json", new InstitutionFault
        {
            Status = 200,
            Body = "{\"id\":\"http://example.org/m\",\"type\":\"Manifest\"}",
            Headers = new Dictionary<string, string> { ["Content-Encoding"] = "gzip" },
        });

        var result = await host.FetchAsync(_institution.Url("/not-gz.json"));

        Assert.Equal(FetchStatus.InvalidResponse, result.Status);
        Assert.Contains("could not be decoded", result.Error, StringComparison.Ordinal);
        Assert.False(result.MeansDeleted);
    }

    [Theory]
    [InlineData("Content-Length: 5000")]
    [InlineData("Transfer-Encoding: chunked")]
    public async Task Fetch_BodyEndingBeforeItsDeclaredEnd_IsTransientFailure(string framing)
    {
        using var host = new CrawlerHost(o => o.MaxRetries = 1);
        var body = framing.StartsWith("Transfer", StringComparison.Ordinal)
            ? "10\r\n{\"id\":\"x\",\"type\"\r\n"u8.ToArray()
            : "{\"id\":\"x\",\"type\":\"Manifest\"}"u8.ToArray();
        using var server = RawHttpServer.CutShort($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n{framing}", body);

        var result = await host.FetchAsync(new Uri(server.BaseUri, "/cut.json"), NoRobots);

        Assert.Equal(FetchStatus.TransientFailure, result.Status);
        Assert.Contains("ended prematurely", result.Error, StringComparison.Ordinal);
        Assert.Equal(2, result.Attempts);
        Assert.True(result.Body.IsEmpty);
    }

    [Fact]
    public async Task Fetch_GzipBomb_StopsAtTheExpandedCap()
    {
        using var host = new CrawlerHost(o =>
        {
            o.MaxBytes = 1024 * 1024;
            o.MaxDecompressedBytes = 4 * 1024 * 1024;
        });
        var bomb = Gzip(new byte[64 * 1024 * 1024]);
        using var server = RawHttpServer.Fixed("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip", bomb);

        var result = await host.FetchAsync(new Uri(server.BaseUri, "/bomb.json"), NoRobots);

        Assert.True(bomb.Length < 1024 * 1024, $"the bomb is {bomb.Length} bytes compressed");
        Assert.Equal(FetchStatus.TooLarge, result.Status);
        Assert.Contains("expands", result.Error, StringComparison.Ordinal);
        Assert.Equal(1, result.Attempts);
    }

    [Fact]
    public async Task Fetch_PolicyOfItsOwnLimit_CapsTheExpandedBodyAtItToo()
    {
        // robots.txt and image upstreams fetch under a policy of their own, smaller limit; the global expanded cap
        // (100 MiB by default) is not theirs.
        using var host = new CrawlerHost();
        var gzipped = Gzip(new byte[4 * 1024 * 1024]);
        using var server = RawHttpServer.Fixed("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip", gzipped);

        var result = await host.FetchAsync(new Uri(server.BaseUri, "/small.json"), NoRobots with { MaxBytes = 1024 * 1024 });

        Assert.True(gzipped.Length < 1024 * 1024, $"the body is {gzipped.Length} bytes compressed");
        Assert.Equal(FetchStatus.TooLarge, result.Status);
        Assert.Contains("expands", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_200MBBodyWithContentLength_IsRefusedBeforeReading()
    {
        using var host = new CrawlerHost(o => o.MaxBytes = 1024 * 1024);
        using var server = RawHttpServer.Endless(declaredLength: 200L * 1024 * 1024);

        var result = await host.FetchAsync(new Uri(server.BaseUri, "/huge.json"), NoRobots);

        Assert.Equal(FetchStatus.TooLarge, result.Status);
        Assert.Contains("Content-Length", result.Error, StringComparison.Ordinal);
        Assert.True(server.BytesSent < 50L * 1024 * 1024, $"{server.BytesSent} bytes were sent");
    }

    [Fact]
    public async Task Fetch_BodyLargerThanTheFirstBuffer_IsReadWhole()
    {
        using var host = new CrawlerHost(o => o.MaxBytes = 16 * 1024 * 1024);
        var body = new byte[(6 * 1024 * 1024) + 3];
        body.AsSpan().Fill((byte)' ');
        body[0] = (byte)'[';
        body[^1] = (byte)']';
        using var server = RawHttpServer.Fixed("HTTP/1.1 200 OK\r\nContent-Type: application/json", body);

        var result = await host.FetchAsync(new Uri(server.BaseUri, "/big.json"), NoRobots);

        Assert.Equal(FetchStatus.Ok, result.Status);
        Assert.True(result.Body.Span.SequenceEqual(body));
    }

    [Fact]
    public async Task Fetch_200MBBodyWithoutLength_StopsAtMaxBytes()
    {
        using var host = new CrawlerHost(o => o.MaxBytes = 2 * 1024 * 1024);
        using var server = RawHttpServer.Endless();

        var result = await host.FetchAsync(new Uri(server.BaseUri, "/huge.json"), NoRobots);

        Assert.Equal(FetchStatus.TooLarge, result.Status);
        Assert.True(server.BytesSent < 50L * 1024 * 1024, $"{server.BytesSent} bytes were sent");
    }

    [Fact]
    public async Task Fetch_SlowDrip_HitsThePerAttemptTimeout()
    {
        using var host = new CrawlerHost(o => o.MaxRetries = 1);
        using var server = RawHttpServer.Drip(TimeSpan.FromMilliseconds(50));

        var result = await host.FetchAsync(new Uri(server.BaseUri, "/slow.json"), CrawlerHost.Loopback with { Timeout = TimeSpan.FromMilliseconds(300), RespectRobotsTxt = false });

        Assert.Equal(FetchStatus.TransientFailure, result.Status);
        Assert.Contains("timed out", result.Error, StringComparison.Ordinal);
        Assert.Equal(2, result.Attempts);
    }

    [Fact]
    public async Task Fetch_DelayedResponse_HitsThePerAttemptTimeout()
    {
        // The server holds the request; the attempt's timeout runs on the fake clock and ends it when the clock says so.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var host = new CrawlerHost(o => o.MaxRetries = 0, time);
        using var server = RawHttpServer.Held();

        var fetch = host.FetchAsync(new Uri(server.BaseUri, "/manifests/0.json"), CrawlerHost.Loopback with { Timeout = TimeSpan.FromMilliseconds(200), RespectRobotsTxt = false });
        await Progress.UntilAsync(() => server.Received == 1, "the request");
        time.Advance(TimeSpan.FromMilliseconds(199));
        await Progress.StaysAsync(() => fetch.IsCompleted ? 1 : 0, 0, "fetches ended before the timeout");
        time.Advance(TimeSpan.FromMilliseconds(1));
        var result = await fetch;

        Assert.Equal(FetchStatus.TransientFailure, result.Status);
        Assert.Contains("timed out after 200 ms", result.Error, StringComparison.Ordinal);
        Assert.Equal(1, server.Received);
    }

    [Fact]
    public async Task Fetch_ConnectionReset_IsTransientFailure()
    {
        using var host = new CrawlerHost(o => o.MaxRetries = 2);
        using var server = RawHttpServer.Reset();

        var result = await host.FetchAsync(new Uri(server.BaseUri, "/reset.json"), NoRobots);

        Assert.Equal(FetchStatus.TransientFailure, result.Status);
        Assert.Contains("network error", result.Error, StringComparison.Ordinal);
        Assert.Equal(3, result.Attempts);
        Assert.False(result.MeansDeleted);
    }

    [Fact]
    public async Task Fetch_WireMockEmptyResponse_IsInvalidNeverDeletion()
    {
        using var host = new CrawlerHost(o => o.MaxRetries = 1);
        _institution.SetFault("/manifests/2.json", InstitutionFault.ConnectionFault(FaultType.EMPTY_RESPONSE));

        var result = await host.FetchAsync(_institution.ManifestUri(2));

        Assert.Equal(FetchStatus.InvalidResponse, result.Status);
        Assert.Contains("empty", result.Error, StringComparison.Ordinal);
        Assert.False(result.MeansDeleted);
    }

    [Fact]
    public async Task Fetch_WireMockMalformedChunk_IsNeverAUsableDocument()
    {
        // WireMock.Net serves this fault as a 200 with a garbled, cut body: what a client sees of a broken chunked stream.
        using var host = new CrawlerHost(o => o.MaxRetries = 1);
        _institution.SetFault("/manifests/2.json", InstitutionFault.ConnectionFault(FaultType.MALFORMED_RESPONSE_CHUNK));

        var result = await host.FetchAsync(_institution.ManifestUri(2));

        Assert.False(result.MeansDeleted);
        Assert.True(result.Status != FetchStatus.Ok || !IiifParser.Parse(result.Body.Span).IsSuccess, $"{result.Status}: {result.Body.Length} bytes parsed");
    }

    [Fact]
    public async Task Fetch_AfterRepeatedHostFailures_OpensTheCircuitAndStopsSending()
    {
        using var host = new CrawlerHost(o =>
        {
            o.MaxRetries = 0;
            o.CircuitBreakerMinimumThroughput = 3;
            o.CircuitBreakerFailureRatio = 0.5;
        });
        _institution.SetFault("/manifests/0.json", InstitutionFault.WithStatus(503));
        for (var i = 0; i < 3; i++)
        {
            await host.FetchAsync(_institution.ManifestUri(0));
        }

        var sentBefore = _institution.TotalRequests;
        var result = await host.FetchAsync(_institution.ManifestUri(1));

        Assert.Equal(FetchStatus.TransientFailure, result.Status);
        Assert.Contains("circuit open", result.Error, StringComparison.Ordinal);
        Assert.Equal(sentBefore, _institution.TotalRequests);
        Assert.Contains(host.Log, l => l.StartsWith("1004 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Fetch_RobotsTxtUnreachable_IsTransientNotSent()
    {
        using var host = new CrawlerHost(o => o.MaxRetries = 0);
        using var server = RawHttpServer.Reset();

        var result = await host.FetchAsync(new Uri(server.BaseUri, "/m.json"));

        Assert.Equal(FetchStatus.TransientFailure, result.Status);
        Assert.Contains("robots.txt unreachable", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, result.Attempts);
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task Fetch_CancelledByCaller_Throws()
    {
        using var host = new CrawlerHost();
        using var server = RawHttpServer.Drip(TimeSpan.FromMilliseconds(20));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            host.Fetcher.FetchAsync(new FetchRequest(new Uri(server.BaseUri, "/m.json"), NoRobots), cts.Token));
    }

    private static byte[] Gzip(byte[] data) => Compress(data, s => new GZipStream(s, CompressionLevel.Optimal));

    private static byte[] Compress(byte[] data, Func<Stream, Stream> compressor)
    {
        using var output = new MemoryStream();
        using (var compressing = compressor(output))
        {
            compressing.Write(data);
        }

        return output.ToArray();
    }
}

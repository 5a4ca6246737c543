using System.Net;
using System.Net.Sockets;
using System.Text;
using IiifHarvester.Images.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Xunit;

namespace IiifHarvester.Images.Tests.Upstream;

public sealed class SafetyTests
{
    [Fact]
    public async Task HostNotOfTheSource_Refused403WithoutFetching()
    {
        using var upstream = new FakeImageService();
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(upstream.ServiceId, allowedHost: "images.example.org").Key;
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Client.GetStatusAsync($"/iiif/image/{key}/info.json")).Status);
        Assert.Empty(upstream.Server.LogEntries);
    }

    [Fact]
    public async Task RedirectToAnotherHost_Refused()
    {
        using var other = new FakeImageService();
        using var upstream = new FakeImageService();
        upstream.Server.Given(Request.Create().WithPath("/iiif/img/info.json").UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(302).WithHeader("Location", other.ServiceId.Replace("localhost", "127.0.0.1", StringComparison.Ordinal) + "/info.json"));
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(upstream.ServiceId).Key;
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Client.GetStatusAsync($"/iiif/image/{key}/info.json")).Status);
        Assert.Empty(other.Server.LogEntries);
    }

    [Fact]
    public async Task RedirectWithinTheHost_Followed()
    {
        using var upstream = new FakeImageService();
        upstream.Server.Given(Request.Create().WithPath("/old/info.json").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(301).WithHeader("Location", "/iiif/img/info.json"));
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(upstream.Server.Url + "/old").Key;
        await host.Client.GetOkAsync($"/iiif/image/{key}/info.json");
    }

    [Fact]
    public async Task SlowUpstream_504()
    {
        // A raw upstream under the test's control: info.json is answered at once, the image request is held unanswered
        // until the test ends. The timeout is 10 minutes on the fake clock: only advancing that clock can end the wait
        // (the test client gives up after 30 s of wall-clock time), so the 504 is the upstream timeout's doing.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var serviceId = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/iiif/img";
        var info = FakeImageService.Info3(serviceId);
        var asked = new List<string>();
        var imageAsked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var hold = new CancellationTokenSource();
        var serve = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    using var socket = await listener.AcceptSocketAsync(hold.Token);
                    var path = (await ReadRequestHeadAsync(socket, hold.Token)).Split(' ')[1];
                    lock (asked)
                    {
                        asked.Add(path);
                    }

                    if (path.EndsWith("/info.json", StringComparison.Ordinal))
                    {
                        await socket.SendAsync(Encoding.UTF8.GetBytes(
                            $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(info)}\r\nConnection: close\r\n\r\n{info}"));
                        socket.Shutdown(SocketShutdown.Both);
                    }
                    else
                    {
                        imageAsked.TrySetResult();
                        await Task.Delay(Timeout.Infinite, hold.Token);
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await ImageProxyHost.StartAsync(o => o.UpstreamTimeout = TimeSpan.FromMinutes(10), clock);
        var key = host.Register(serviceId).Key;

        HttpResponseMessage response;
        string body;
        try
        {
            // The info.json first, so the image request's is the only upstream request that can time out.
            await host.Client.GetOkAsync($"/iiif/image/{key}/info.json");
            var image = host.Client.GetAsync($"/iiif/image/{key}/full/max/0/default.jpg");
            await imageAsked.Task.WaitAsync(TimeSpan.FromSeconds(30));
            clock.Advance(TimeSpan.FromMinutes(10));
            response = await image;
            body = await response.Content.ReadAsStringAsync();
        }
        finally
        {
            await hold.CancelAsync();
            listener.Stop();
            await serve.WaitAsync(TimeSpan.FromSeconds(10));
        }

        using var answered = response;

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Contains("did not answer within 600 s", body, StringComparison.Ordinal);
        Assert.Equal("IiifHarvester; fwd=uri-miss; detail=upstream-failed", response.Headers.GetValues("Cache-Status").Single());
        Assert.Equal(["/iiif/img/info.json", "/iiif/img/full/max/0/default.jpg"], asked);
    }

    private static async Task<string> ReadRequestHeadAsync(Socket socket, CancellationToken cancellationToken)
    {
        var head = new StringBuilder();
        var buffer = new byte[8192];
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await socket.ReceiveAsync(buffer, cancellationToken);
            if (read == 0)
            {
                break;
            }

            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return head.ToString();
    }

    [Fact]
    public async Task OversizeUpstream_502()
    {
        using var upstream = new FakeImageService(imageBody: new byte[50_000]);
        await using var host = await ImageProxyHost.StartAsync(o => o.MaxUpstreamBytes = 10_000);
        var key = host.Register(upstream.ServiceId).Key;
        Assert.Equal(HttpStatusCode.BadGateway, (await host.Client.GetStatusAsync($"/iiif/image/{key}/full/max/0/default.jpg")).Status);
    }

    [Fact]
    public async Task WrongContentType_502()
    {
        using var upstream = new FakeImageService();
        upstream.Server.Given(Request.Create().WithPath(new RegexMatcher(FakeImageService.ImagePattern)).UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/html").WithBody("<html>login</html>"));
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(upstream.ServiceId).Key;
        Assert.Equal(HttpStatusCode.BadGateway, (await host.Client.GetStatusAsync($"/iiif/image/{key}/full/max/0/default.jpg")).Status);
    }

    [Fact]
    public async Task BrokenInfoJson_502AndNotCached()
    {
        using var upstream = new FakeImageService(infoJson: "{ \"id\": ");
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(upstream.ServiceId).Key;
        Assert.Equal(HttpStatusCode.BadGateway, (await host.Client.GetStatusAsync($"/iiif/image/{key}/info.json")).Status);
        Assert.Empty(Directory.EnumerateFiles(host.CacheDirectory, "*.bin", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task TruncatedUpstream_502()
    {
        // A raw server that promises 10,000 bytes and sends 100.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var info = FakeImageService.Info3($"http://127.0.0.1:{port}/iiif/img");
        var serve = Task.Run(async () =>
        {
            for (var i = 0; i < 2; i++)
            {
                using var socket = await listener.AcceptSocketAsync();
                var buffer = new byte[8192];
                var read = await socket.ReceiveAsync(buffer);
                var isInfo = Encoding.ASCII.GetString(buffer, 0, read).Contains("info.json", StringComparison.Ordinal);
                var head = isInfo
                    ? $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(info)}\r\nConnection: close\r\n\r\n{info}"
                    : "HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nContent-Length: 10000\r\nConnection: close\r\n\r\n" + new string('x', 100);
                await socket.SendAsync(Encoding.UTF8.GetBytes(head));
                socket.Shutdown(SocketShutdown.Both);
            }
        });
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register($"http://127.0.0.1:{port}/iiif/img").Key;
        Assert.Equal(HttpStatusCode.BadGateway, (await host.Client.GetStatusAsync($"/iiif/image/{key}/full/max/0/default.jpg")).Status);
        await serve.WaitAsync(TimeSpan.FromSeconds(10));
        listener.Stop();
    }

    [Fact]
    public async Task AuthProtected_PassedThroughUncachedWithCredentials()
    {
        const string auth = ", \"service\": [{ \"id\": \"https://login.example/probe\", \"type\": \"AuthProbeService2\" }]";
        using var upstream = new FakeImageService(infoJson: null);
        upstream.Server.Given(Request.Create().WithPath("/iiif/img/info.json").UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(FakeImageService.Info3(upstream.ServiceId, extra: auth)));
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(upstream.ServiceId).Key;
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/iiif/image/{key}/full/max/0/default.jpg");
            request.Headers.Add("Authorization", "Bearer token-123");
            using var response = await host.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal(2, upstream.ImageRequests);
        Assert.All(
            upstream.Server.LogEntries.Where(e => e.RequestMessage!.Path.EndsWith(".jpg", StringComparison.Ordinal)),
            e => Assert.Equal("Bearer token-123", e.RequestMessage!.Headers!["Authorization"].Single()));
        Assert.DoesNotContain(Directory.EnumerateFiles(host.CacheDirectory, "*.json", SearchOption.AllDirectories), f => File.ReadAllText(f).Contains("default.jpg", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AuthProtected_SourceAllowsCaching_Cached()
    {
        const string auth = ", \"service\": [{ \"@id\": \"https://login.example/login\", \"profile\": \"http://iiif.io/api/auth/1/login\" }]";
        using var upstream = new FakeImageService();
        upstream.Server.Given(Request.Create().WithPath("/iiif/img/info.json").UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(FakeImageService.Info3(upstream.ServiceId, extra: auth)));
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(upstream.ServiceId, allowCachingAuth: true).Key;
        await host.Client.GetOkAsync($"/iiif/image/{key}/full/max/0/default.jpg");
        await host.Client.GetOkAsync($"/iiif/image/{key}/full/max/0/default.jpg");
        Assert.Equal(1, upstream.ImageRequests);
    }

    [Theory]
    [InlineData("..%2F..%2Fetc/max/0/default.jpg")]
    [InlineData("full/max/0/default.jpg%3Fx=http:%2F%2Fevil")]
    [InlineData("full/max/0/..%2Fdefault.jpg")]
    public async Task HostileParameters_400WithoutFetching(string path)
    {
        using var upstream = new FakeImageService();
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(upstream.ServiceId).Key;
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Client.GetStatusAsync($"/iiif/image/{key}/{path}")).Status);
        Assert.Equal(0, upstream.ImageRequests);
    }
}

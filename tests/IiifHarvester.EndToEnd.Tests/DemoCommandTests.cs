using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using IiifHarvester.TestUtilities;
using Xunit;

namespace IiifHarvester.EndToEnd.Tests;

/// <summary>The README's first command: <c>demo</c> prints URLs, and the search URL among them has hits.</summary>
public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_PrintsUrlsThatAnswerWithinAMinuteAndItsSearchesFindHits()
    {
        using var dir = new TempDirectory("iiifh-demo");
        var port = FreePort();
        using var host = HostProcess.Start(dir.Path, "demo", "--urls", $"http://127.0.0.1:{port}", "--manifests", "40", "--data", dir.Combine("data"));
        var started = DateTime.UtcNow;
        string[] urls = [];
        while (DateTime.UtcNow - started < TimeSpan.FromSeconds(60))
        {
            urls = host.Output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("http://", StringComparison.Ordinal)).ToArray();
            if (urls.Length >= 10 || host.HasExited)
            {
                break;
            }

            await Task.Delay(200);
        }

        Assert.False(host.HasExited, host.Output);
        Assert.True(urls.Length >= 10, host.Output);
        using var http = new HttpClient();
        var search = urls.First(u => u.Contains("/iiif/search/2/", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(await http.GetStringAsync(new Uri(search)));
        Assert.True(json.RootElement.GetProperty("items").GetArrayLength() > 0, search);

        // The catalog searches full text too: the printed catalog query finds objects by their transcriptions.
        var catalog = urls.First(u => u.Contains("/iiif/catalog?q=", StringComparison.Ordinal));
        using var found = JsonDocument.Parse(await http.GetStringAsync(new Uri(catalog)));
        Assert.True(found.RootElement.GetProperty("total").GetInt32() > 0, catalog);
        Assert.True(found.RootElement.GetProperty("items")[0].GetProperty("textHits").GetInt32() > 0, catalog);
        foreach (var url in urls)
        {
            using var response = await http.GetAsync(new Uri(url));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

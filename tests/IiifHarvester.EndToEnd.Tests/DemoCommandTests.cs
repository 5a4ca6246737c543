using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using IiifHarvester.Commands;
using IiifHarvester.Demo;
using IiifHarvester.TestUtilities;
using Xunit;

namespace IiifHarvester.EndToEnd.Tests;

/// <summary>The README's first command: <c>demo</c> prints the URLs to try, each answers, and its marker searches find their manifest.</summary>
public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_PrintsTheUrlsToTryThatAnswerAndItsMarkerSearchesFindTheirManifest()
    {
        using var dir = new TempDirectory("iiifh-demo");
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        using var host = HostProcess.Start(dir.Path, "demo", "--urls", baseUrl, "--manifests", "40", "--data", dir.Combine("data"));

        // The command prints its URLs and then says it serves; the deadline only guards against a hang.
        using (var hang = new CancellationTokenSource(TimeSpan.FromMinutes(3)))
        {
            while (!host.Output.Contains("Serving until", StringComparison.Ordinal))
            {
                Assert.False(host.HasExited, host.Output);
                await Task.Delay(200, hang.Token);
            }
        }

        // Exactly the URLs the command means to print (same institution: same options, same base), in order.
        var institution = new DemoInstitution(new DemoInstitutionOptions { Manifests = 40 }, $"{baseUrl}/demo");
        var expected = DemoCommand.UrlsToTry(baseUrl, institution).ToList();
        var urls = host.Output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("http://", StringComparison.Ordinal)).ToList();
        Assert.Equal(12, expected.Count);
        Assert.Equal(expected, urls);

        // The marker-word searches find the one manifest that has the word, on its first canvas.
        using var http = new HttpClient();
        var search2 = urls.Single(u => u.Contains("/iiif/search/2/", StringComparison.Ordinal) && u.EndsWith($"?q={DemoInstitution.MarkerWord(1)}", StringComparison.Ordinal));
        using (var json = JsonDocument.Parse(await http.GetStringAsync(new Uri(search2))))
        {
            var hit = Assert.Single(json.RootElement.GetProperty("items").EnumerateArray());
            Assert.Contains(institution.CanvasUri(1, 0), hit.GetProperty("target").ToString(), StringComparison.Ordinal);
        }

        var search1 = urls.Single(u => u.Contains("/iiif/search/1/", StringComparison.Ordinal) && u.EndsWith($"?q={DemoInstitution.MarkerWord(2)}", StringComparison.Ordinal));
        using (var json = JsonDocument.Parse(await http.GetStringAsync(new Uri(search1))))
        {
            var resource = Assert.Single(json.RootElement.GetProperty("resources").EnumerateArray());
            Assert.StartsWith($"{institution.CanvasUri(2, 0)}#xywh=", resource.GetProperty("on").GetString(), StringComparison.Ordinal);
        }

        // The catalog searches full text too: the printed catalog query finds objects by their transcriptions.
        var catalog = urls.Single(u => u.Contains("/iiif/catalog?q=", StringComparison.Ordinal));
        using (var found = JsonDocument.Parse(await http.GetStringAsync(new Uri(catalog))))
        {
            Assert.True(found.RootElement.GetProperty("total").GetInt32() > 0, catalog);
            Assert.True(found.RootElement.GetProperty("items")[0].GetProperty("textHits").GetInt32() > 0, catalog);
        }

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

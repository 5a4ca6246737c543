using System.Net;
using System.Net.Sockets;
using IiifHarvester.TestUtilities;
using Microsoft.Playwright;
using Xunit;

namespace IiifHarvester.EndToEnd.Tests;

/// <summary>
/// The demo command on loopback and one headless Debian Chromium for every browser test of the class. Playwright
/// drives /usr/bin/chromium (it cannot download browsers here; <c>.ci/setup-portal.sh</c> installs it).
/// </summary>
public sealed class PortalBrowserFixture : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("iiifh-portal");
    private HostProcess? _host;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = string.Empty;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots of each step are kept (a test artifact).</summary>
    public string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "portal-screenshots");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Screenshots);
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        _host = HostProcess.Start(_directory.Path, "demo", "--urls", BaseUrl, "--manifests", "40", "--data", _directory.Combine("data"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        while (!_host.Output.Contains("Serving until", StringComparison.Ordinal))
        {
            Assert.False(_host.HasExited, _host.Output);
            await Task.Delay(200, timeout.Token);
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-GB",
        });
        return await context.NewPageAsync();
    }

    public async Task ShotAsync(IPage page, string name)
    {
        // Thumbnails and crops load lazily: wait for them, so the picture shows what a reader sees.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = false });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        _host?.Kill();
        _host?.Dispose();
        _directory.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

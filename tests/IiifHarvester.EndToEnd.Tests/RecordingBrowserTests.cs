using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using IiifHarvester.Iiif.Identity;
using IiifHarvester.TestUtilities;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Xunit;

namespace IiifHarvester.EndToEnd.Tests;

/// <summary>
/// A recording in the portal, in headless Chromium: an institution (WireMock, http) publishes an audio manifest whose
/// transcript line targets a stretch of the canvas; its sound is served over https from another origin with CORS and
/// ranges, as institutions' media servers do, so the portal's own Content-Security-Policy is the one in force.
/// </summary>
public sealed class RecordingBrowserTests : IAsyncLifetime
{
    private const int Seconds = 60;
    private readonly TempDirectory _data = new("iiifh-recording");
    private readonly WireMockServer _institution = WireMockServer.Start();
    private WebApplication? _media;
    private string _mediaUrl = string.Empty;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            listen.UseHttps(SelfSigned());
        }));
        _media = builder.Build();
        var sound = Silence(Seconds);
        _media.MapGet("/sound.wav", (HttpContext context) =>
        {
            context.Response.Headers.AccessControlAllowOrigin = "*";
            return Results.File(sound, "audio/wav", enableRangeProcessing: true);
        });
        await _media.StartAsync();
        _mediaUrl = _media.Urls.Single();
    }

    [Fact]
    public async Task ObjectPage_HitInARecording_PlaysItUnderOurPolicyCuedToTheHitsMoment()
    {
        var baseUrl = _institution.Url!;
        var manifest = $"{baseUrl}/reading.json";
        var canvas = $"{baseUrl}/reading/canvas";
        Serve("/stream.json", $$$"""{"@context":"http://iiif.io/api/discovery/1/context.json","id":"{{{baseUrl}}}/stream.json","type":"OrderedCollection","last":{"id":"{{{baseUrl}}}/page.json","type":"OrderedCollectionPage"}}""");
        Serve("/page.json", $$$"""{"@context":"http://iiif.io/api/discovery/1/context.json","id":"{{{baseUrl}}}/page.json","type":"OrderedCollectionPage","orderedItems":[{"type":"Create","object":{"id":"{{{manifest}}}","type":"Manifest"},"endTime":"2026-01-01T00:00:00Z"}]}""");
        Serve("/reading.json", $$$"""
            {"@context":"http://iiif.io/api/presentation/3/context.json","id":"{{{manifest}}}","type":"Manifest","label":{"en":["The keeper's reading"]},
             "items":[{"id":"{{{canvas}}}","type":"Canvas","duration":{{{Seconds}}},
               "items":[{"id":"{{{canvas}}}/page","type":"AnnotationPage","items":[{"id":"{{{canvas}}}/sound","type":"Annotation","motivation":"painting",
                 "body":{"id":"{{{_mediaUrl}}}/sound.wav","type":"Sound","format":"audio/wav","duration":{{{Seconds}}}},"target":"{{{canvas}}}"}]}],
               "annotations":[{"id":"{{{canvas}}}/transcript","type":"AnnotationPage","items":[
                 {"id":"{{{canvas}}}/transcript/1","type":"Annotation","motivation":"supplementing",
                  "body":{"type":"TextualBody","value":"The keeper climbs the lighthouse stairs","language":"en","format":"text/plain"},
                  "target":"{{{canvas}}}#t=40,43.5"}]}]}]}
            """);
        using var serve = await ServeProcess.StartAsync(
            _data.Path,
            $"--Sources:av:Streams:0={baseUrl}/stream.json",
            "--Sources:av:AllowPrivateNetworks=true",
            "--Sources:av:RequestsPerSecond=1000",
            "--Sources:av:Schedule=0 0 3 1 1 ? 2099");
        await serve.TriggerAsync("av");
        await serve.WaitForRunAsync("av");
        Assert.Equal(1, await serve.SearchHitsAsync("lighthouse"));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        // The sound's origin has a self-signed certificate; everything else is the portal's own.
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = serve.Url, IgnoreHTTPSErrors = true, Locale = "en-GB" });
        var page = await context.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, m) => { if (m.Type is "error") { console.Add(m.Text); } };
        page.PageError += (_, e) => console.Add(e);

        await page.GotoAsync($"/objects/{ResourceKey.For(manifest)}?q=lighthouse", new() { WaitUntil = WaitUntilState.DOMContentLoaded });

        Assert.Equal("0:40\u20130:43", await page.Locator("span.time").First.TextContentAsync());
        var cued = "() => { const a = document.querySelector('#viewer audio'); return !!a && a.readyState >= 1 && Math.abs(a.currentTime - 40) < 0.01; }";
        try
        {
            await page.WaitForFunctionAsync(cued, null, new() { Timeout = 60_000 });
        }
        catch (TimeoutException)
        {
            var audio = await page.EvaluateAsync<string>("() => { const a = document.querySelector('#viewer audio'); return a ? JSON.stringify({ src: a.currentSrc, state: a.readyState, time: a.currentTime, error: a.error && a.error.code }) : 'no audio'; }");
            Assert.Fail(audio + "\n" + string.Join("\n", console));
        }

        Assert.Equal(Seconds, await page.EvaluateAsync<double>("() => Math.round(document.querySelector('#viewer audio').duration)"));
        Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector('#viewer audio').paused"), "the recording started playing by itself");
        Assert.DoesNotContain(console, m => m.Contains("Content Security Policy", StringComparison.Ordinal));
        await context.CloseAsync();
    }

    public async Task DisposeAsync()
    {
        if (_media is not null)
        {
            await _media.DisposeAsync();
        }

        _institution.Stop();
        _data.Dispose();
    }

    /// <summary><paramref name="seconds"/> of silence as an 8 kHz, 8-bit mono PCM WAV file.</summary>
    private static byte[] Silence(int seconds)
    {
        const int Rate = 8000;
        var samples = Rate * seconds;
        using var stream = new MemoryStream(44 + samples);
        using (var writer = new BinaryWriter(stream, Encoding.ASCII, leaveOpen: true))
        {
            writer.Write("RIFF"u8);
            writer.Write(36 + samples);
            writer.Write("WAVEfmt "u8);
            writer.Write(16);
            writer.Write((short)1);
            writer.Write((short)1);
            writer.Write(Rate);
            writer.Write(Rate);
            writer.Write((short)1);
            writer.Write((short)8);
            writer.Write("data"u8);
            writer.Write(samples);
            writer.Write(Enumerable.Repeat((byte)0x80, samples).ToArray());
        }

        return stream.ToArray();
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    private void Serve(string path, string body) =>
        _institution.Given(Request.Create().WithPath(path).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(body));
}

using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace IiifHarvester.Images.Tests.Fixtures;

/// <summary>A WireMock image service (3.0 level 2 by default) for cache, fault and safety tests.</summary>
public sealed class FakeImageService : IDisposable
{
    public const string ImagePattern = "^/iiif/img/.+\\.(jpg|png)$";

    public FakeImageService(string? infoJson = null, byte[]? imageBody = null)
    {
        Server = WireMockServer.Start();
        ServiceId = Server.Url + "/iiif/img";
        ImageBody = imageBody ?? TinyJpeg.Value;
        Server.Given(Request.Create().WithPath("/iiif/img/info.json").UsingGet()).AtPriority(100)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/ld+json").WithBody(infoJson ?? Info3(ServiceId)));
        Server.Given(Request.Create().WithPath(new RegexMatcher(ImagePattern)).UsingGet()).AtPriority(100)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "image/jpeg").WithHeader("ETag", "\"v1\"").WithBody(ImageBody));
    }

    public WireMockServer Server { get; }

    public string ServiceId { get; }

    public byte[] ImageBody { get; }

    /// <summary>Requests the server received for image paths.</summary>
    public int ImageRequests => Server.LogEntries.Count(e => e.RequestMessage!.Path != "/iiif/img/info.json");

    public int InfoRequests => Server.LogEntries.Count(e => e.RequestMessage!.Path == "/iiif/img/info.json");

    public static Lazy<byte[]> TinyJpeg { get; } = new(() =>
    {
        using var image = NetVips.Image.Black(8, 8, bands: 3);
        return image.JpegsaveBuffer();
    });

    /// <summary>
    /// Random bytes that start as a JPEG does: the proxy serves an upstream's body only when its first bytes are the
    /// format asked for, and cache tests need large bodies that are not worth decoding.
    /// </summary>
    public static byte[] JpegLike(int length)
    {
        var body = new byte[length];
        Random.Shared.NextBytes(body);
        body[0] = 0xFF;
        body[1] = 0xD8;
        body[2] = 0xFF;
        return body;
    }

    public static string Info3(string id, string profile = "level2", string extra = "") => $$"""
        {
          "@context": "http://iiif.io/api/image/3/context.json",
          "id": "{{id}}",
          "type": "ImageService3",
          "protocol": "http://iiif.io/api/image",
          "profile": "{{profile}}",
          "width": 1000,
          "height": 1000,
          "rights": "http://creativecommons.org/publicdomain/mark/1.0/"{{extra}}
        }
        """;

    public void Dispose() => Server.Stop();
}

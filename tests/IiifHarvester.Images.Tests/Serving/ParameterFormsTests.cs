using System.Globalization;
using IiifHarvester.Images.Tests.Fixtures;
using Xunit;

namespace IiifHarvester.Images.Tests.Serving;

/// <summary>
/// Every region, size, rotation, quality and format form of Image API 3.0 and 2.1, asked end to end of the proxy and
/// checked against the answer the specification requires on the validator's grid: the size, the media type and the
/// pixels. The level 0 tile sets (one per version) are served at level 2, so every form is offered; IIPImage (2.1, level
/// 1 with extras) shows the forms passed on to a real server.
/// </summary>
[Collection(UpstreamCollection.Name)]
public sealed class ParameterFormsTests(UpstreamFixture fixture)
{
    /// <summary>Rows: service, request, region after cropping "x,y,w,h", expected width, height, media type.</summary>
    public static TheoryData<string, string, string, int, int, string> Forms3 => new()
    {
        // Region (3.0 §4.1).
        { "v3", "full/max/0/default.jpg", "0,0,1000,1000", 1000, 1000, "image/jpeg" },
        { "v3", "square/max/0/default.jpg", "0,0,1000,1000", 1000, 1000, "image/jpeg" },
        { "v3", "100,200,300,400/max/0/default.jpg", "100,200,300,400", 300, 400, "image/jpeg" },
        { "v3", "pct:10,20,30,40/max/0/default.jpg", "100,200,300,400", 300, 400, "image/jpeg" },
        { "v3", "pct:10.5,20.25,30,40/max/0/default.jpg", "105,203,300,400", 300, 400, "image/jpeg" },
        { "v3", "900,900,500,500/max/0/default.jpg", "900,900,100,100", 100, 100, "image/jpeg" }, // cropped at the edge
        // Size (3.0 §4.2), on a 400×200 region.
        { "v3", "0,0,400,200/max/0/default.jpg", "0,0,400,200", 400, 200, "image/jpeg" },
        { "v3", "0,0,400,200/^max/0/default.jpg", "0,0,400,200", 2828, 1414, "image/jpeg" }, // up to maxArea (4 000 000 here)
        { "v3", "0,0,400,200/200,/0/default.jpg", "0,0,400,200", 200, 100, "image/jpeg" },
        { "v3", "0,0,400,200/,100/0/default.jpg", "0,0,400,200", 200, 100, "image/jpeg" },
        { "v3", "0,0,400,200/pct:50/0/default.jpg", "0,0,400,200", 200, 100, "image/jpeg" },
        { "v3", "0,0,400,200/300,100/0/default.jpg", "0,0,400,200", 300, 100, "image/jpeg" }, // distorted
        { "v3", "0,0,400,200/!300,300/0/default.jpg", "0,0,400,200", 300, 150, "image/jpeg" },
        { "v3", "0,0,400,200/^800,/0/default.jpg", "0,0,400,200", 800, 400, "image/jpeg" },
        { "v3", "0,0,400,200/^,400/0/default.jpg", "0,0,400,200", 800, 400, "image/jpeg" },
        { "v3", "0,0,400,200/^pct:150/0/default.jpg", "0,0,400,200", 600, 300, "image/jpeg" },
        { "v3", "0,0,400,200/^600,600/0/default.jpg", "0,0,400,200", 600, 600, "image/jpeg" },
        { "v3", "0,0,400,200/^!800,800/0/default.jpg", "0,0,400,200", 800, 400, "image/jpeg" },
        // Rotation (3.0 §4.3): clockwise; '!' mirrors first.
        { "v3", "0,0,400,200/max/90/default.jpg", "0,0,400,200", 200, 400, "image/jpeg" },
        { "v3", "0,0,400,200/max/180/default.jpg", "0,0,400,200", 400, 200, "image/jpeg" },
        { "v3", "0,0,400,200/max/270/default.jpg", "0,0,400,200", 200, 400, "image/jpeg" },
        { "v3", "0,0,400,200/max/360/default.jpg", "0,0,400,200", 400, 200, "image/jpeg" },
        { "v3", "0,0,400,200/max/!0/default.jpg", "0,0,400,200", 400, 200, "image/jpeg" },
        { "v3", "0,0,400,200/max/!90/default.jpg", "0,0,400,200", 200, 400, "image/jpeg" },
        { "v3", "0,0,400,200/max/!180/default.jpg", "0,0,400,200", 400, 200, "image/jpeg" },
        { "v3", "0,0,400,200/max/22.5/default.png", "0,0,400,200", 446, 338, "image/png" }, // the bounding box
        // Quality (3.0 §4.4) and format (3.0 §4.5).
        { "v3", "0,0,400,200/max/0/color.jpg", "0,0,400,200", 400, 200, "image/jpeg" },
        { "v3", "0,0,400,200/max/0/gray.jpg", "0,0,400,200", 400, 200, "image/jpeg" },
        { "v3", "0,0,400,200/max/0/bitonal.png", "0,0,400,200", 400, 200, "image/png" },
        { "v3", "full/100,100/0/default.png", "0,0,1000,1000", 100, 100, "image/png" },
        { "v3", "full/100,100/0/default.webp", "0,0,1000,1000", 100, 100, "image/webp" },
        { "v3", "full/100,100/0/default.gif", "0,0,1000,1000", 100, 100, "image/gif" },
        { "v3", "full/100,100/0/default.tif", "0,0,1000,1000", 100, 100, "image/tiff" },
    };

    /// <summary>The 2.1 forms (no '^': upscaling is implied where the service supports it; 'full' and 'max' sizes).</summary>
    public static TheoryData<string, string, string, int, int, string> Forms2 => new()
    {
        { "v2", "full/full/0/default.jpg", "0,0,1000,1000", 1000, 1000, "image/jpeg" },
        { "v2", "full/max/0/default.jpg", "0,0,1000,1000", 1000, 1000, "image/jpeg" },
        { "v2", "square/full/0/default.jpg", "0,0,1000,1000", 1000, 1000, "image/jpeg" },
        { "v2", "100,200,300,400/full/0/default.jpg", "100,200,300,400", 300, 400, "image/jpeg" },
        { "v2", "pct:10,20,30,40/full/0/default.jpg", "100,200,300,400", 300, 400, "image/jpeg" },
        { "v2", "900,900,500,500/full/0/default.jpg", "900,900,100,100", 100, 100, "image/jpeg" },
        { "v2", "0,0,400,200/full/0/default.jpg", "0,0,400,200", 400, 200, "image/jpeg" },
        { "v2", "0,0,400,200/200,/0/default.jpg", "0,0,400,200", 200, 100, "image/jpeg" },
        { "v2", "0,0,400,200/,100/0/default.jpg", "0,0,400,200", 200, 100, "image/jpeg" },
        { "v2", "0,0,400,200/pct:50/0/default.jpg", "0,0,400,200", 200, 100, "image/jpeg" },
        { "v2", "0,0,400,200/300,100/0/default.jpg", "0,0,400,200", 300, 100, "image/jpeg" },
        { "v2", "0,0,400,200/!300,300/0/default.jpg", "0,0,400,200", 300, 150, "image/jpeg" },
        { "v2", "0,0,400,200/800,/0/default.jpg", "0,0,400,200", 800, 400, "image/jpeg" },
        { "v2", "0,0,400,200/pct:150/0/default.jpg", "0,0,400,200", 600, 300, "image/jpeg" },
        { "v2", "0,0,400,200/!800,800/0/default.jpg", "0,0,400,200", 800, 400, "image/jpeg" },
        { "v2", "0,0,400,200/full/90/default.jpg", "0,0,400,200", 200, 400, "image/jpeg" },
        { "v2", "0,0,400,200/full/180/default.jpg", "0,0,400,200", 400, 200, "image/jpeg" },
        { "v2", "0,0,400,200/full/270/default.jpg", "0,0,400,200", 200, 400, "image/jpeg" },
        { "v2", "0,0,400,200/full/!0/default.jpg", "0,0,400,200", 400, 200, "image/jpeg" },
        { "v2", "0,0,400,200/full/!270/default.jpg", "0,0,400,200", 200, 400, "image/jpeg" },
        { "v2", "0,0,400,200/full/22.5/default.png", "0,0,400,200", 446, 338, "image/png" },
        { "v2", "0,0,400,200/full/0/color.jpg", "0,0,400,200", 400, 200, "image/jpeg" },
        { "v2", "0,0,400,200/full/0/gray.jpg", "0,0,400,200", 400, 200, "image/jpeg" },
        { "v2", "0,0,400,200/full/0/bitonal.png", "0,0,400,200", 400, 200, "image/png" },
        { "v2", "full/100,100/0/default.png", "0,0,1000,1000", 100, 100, "image/png" },
        { "v2", "full/100,100/0/default.webp", "0,0,1000,1000", 100, 100, "image/webp" },
        { "v2", "full/100,100/0/default.gif", "0,0,1000,1000", 100, 100, "image/gif" },
        { "v2", "full/100,100/0/default.tif", "0,0,1000,1000", 100, 100, "image/tiff" },
    };

    /// <summary>The 2.1 forms IIPImage 1.1 offers, answered by IIPImage itself through the proxy.</summary>
    public static TheoryData<string, string, string, int, int, string> FormsIip => new()
    {
        { "iip", "full/full/0/default.jpg", "0,0,1000,1000", 1000, 1000, "image/jpeg" },
        { "iip", "100,200,300,400/full/0/default.jpg", "100,200,300,400", 300, 400, "image/jpeg" },
        { "iip", "pct:10,20,30,40/full/0/default.jpg", "100,200,300,400", 300, 400, "image/jpeg" },
        { "iip", "square/full/0/default.jpg", "0,0,1000,1000", 1000, 1000, "image/jpeg" },
        { "iip", "900,900,500,500/full/0/default.jpg", "900,900,100,100", 100, 100, "image/jpeg" },
        { "iip", "0,0,400,200/200,/0/default.jpg", "0,0,400,200", 200, 100, "image/jpeg" },
        { "iip", "0,0,400,200/,100/0/default.jpg", "0,0,400,200", 200, 100, "image/jpeg" },
        { "iip", "0,0,400,200/pct:50/0/default.jpg", "0,0,400,200", 200, 100, "image/jpeg" },
        { "iip", "0,0,400,200/!300,300/0/default.jpg", "0,0,400,200", 300, 150, "image/jpeg" },
        { "iip", "0,0,400,200/full/90/default.jpg", "0,0,400,200", 200, 400, "image/jpeg" },
        { "iip", "0,0,400,200/full/180/default.jpg", "0,0,400,200", 400, 200, "image/jpeg" },
        { "iip", "0,0,400,200/full/270/default.jpg", "0,0,400,200", 200, 400, "image/jpeg" },
        { "iip", "0,0,400,200/full/!0/default.jpg", "0,0,400,200", 400, 200, "image/jpeg" },
        { "iip", "0,0,400,200/full/!90/default.jpg", "0,0,400,200", 200, 400, "image/jpeg" },
        { "iip", "0,0,400,200/full/0/gray.jpg", "0,0,400,200", 400, 200, "image/jpeg" },
        { "iip", "0,0,400,200/full/0/bitonal.jpg", "0,0,400,200", 400, 200, "image/jpeg" },
    };

    [ImageServerTheory]
    [MemberData(nameof(Forms3))]
    [MemberData(nameof(Forms2))]
    [MemberData(nameof(FormsIip))]
    public async Task Image_EveryForm_SpecifiedSizeTypeAndPixels(string service, string path, string region, int width, int height, string mediaType)
    {
        await using var host = await ImageProxyHost.StartAsync(o => o.MaxComposedArea = 4_000_000);
        var serviceId = service switch
        {
            "v3" => fixture.Upstream.Level0V3ServiceId,
            "v2" => fixture.Upstream.Level0V2ServiceId,
            _ => fixture.Upstream.GridServiceId,
        };
        var key = host.Register(serviceId).Key;
        using var response = await host.Client.GetAsync($"/iiif/image/{key}/{path}");
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);

        var parts = path.Split('/');
        var rotationText = parts[2];
        var mirror = rotationText.StartsWith('!');
        var rotation = double.Parse(mirror ? rotationText[1..] : rotationText, CultureInfo.InvariantCulture) % 360;
        var quality = parts[3][..parts[3].IndexOf('.', StringComparison.Ordinal)];
        var r = region.Split(',').Select(int.Parse).ToArray();
        SpecAnswer.Check(body, (r[0], r[1], r[2], r[3]), width, height, rotation, mirror, quality, sizeTolerance: rotation % 90 == 0 ? 0 : 3);
    }

    [ImageServerTheory]
    // 3.0 §4 and §7: malformed or out of bounds is a 400; the body says why.
    [InlineData("v3", "0,0,400,200/800,/0/default.jpg", 400)] // larger than the region without '^'
    [InlineData("v3", "full/full/0/default.jpg", 400)] // 2.x 'full' size on a 3.0 service
    [InlineData("v3", "full/^5000,/0/default.jpg", 400)] // over maxArea
    [InlineData("v3", "1000,1000,10,10/max/0/default.jpg", 400)] // entirely outside
    [InlineData("v3", "pct:0,0,0,10/max/0/default.jpg", 400)] // zero width
    [InlineData("v3", "full/pct:0/0/default.jpg", 400)]
    [InlineData("v3", "full/max/-90/default.jpg", 400)]
    [InlineData("v3", "full/max/0/sepia.jpg", 400)]
    [InlineData("v3", "full/max/0/default.pdf", 400)] // a format the service does not offer
    [InlineData("v3", "full/max/0/default", 400)] // no format
    [InlineData("v2", "full/^max/0/default.jpg", 400)] // 3.0 '^' on a 2.1 service
    [InlineData("v2", "full/full/0/default.jp2", 400)]
    [InlineData("iip", "full/full/0/default.pdf", 400)] // PDF is never served (an active format)
    [InlineData("iip", "full/full/0/default.jp2", 400)]
    public async Task Image_Refused_SpecifiedStatusWithReason(string service, string path, int status)
    {
        await using var host = await ImageProxyHost.StartAsync(o => o.MaxComposedArea = 4_000_000);
        var serviceId = service switch
        {
            "v3" => fixture.Upstream.Level0V3ServiceId,
            "v2" => fixture.Upstream.Level0V2ServiceId,
            _ => fixture.Upstream.GridServiceId,
        };
        var key = host.Register(serviceId).Key;
        await host.Client.GetOkAsync($"/iiif/image/{key}/info.json");
        var before = host.Statistics.UpstreamRequests;
        var (code, body) = await host.Client.GetStatusAsync($"/iiif/image/{key}/{path}");
        Assert.Equal(status, (int)code);
        Assert.False(string.IsNullOrWhiteSpace(body));
        Assert.Equal(before, host.Statistics.UpstreamRequests); // refused before any upstream request
    }
}

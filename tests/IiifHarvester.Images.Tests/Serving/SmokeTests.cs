using IiifHarvester.Images.Tests.Fixtures;
using Xunit;

namespace IiifHarvester.Images.Tests.Serving;

[Collection(UpstreamCollection.Name)]
public sealed class SmokeTests(UpstreamFixture fixture)
{
    [Fact]
    public async Task Smoke_GridThroughProxy_Works()
    {
        await using var host = await ImageProxyHost.StartAsync();
        var entry = host.Register(fixture.Upstream.GridServiceId);
        var resp = await host.Client.GetAsync($"/iiif/image/{entry.Key}/info.json"); var info = await resp.Content.ReadAsStringAsync(); Assert.True(resp.IsSuccessStatusCode, info);
        Assert.Contains(host.BaseUrl + "/iiif/image/" + entry.Key, info, StringComparison.Ordinal);
        var bytes = await host.Client.GetOkAsync($"/iiif/image/{entry.Key}/full/pct:50/0/default.jpg");
        Assert.Equal((500, 500), GridImage.SizeOf(bytes));
        var l0 = host.Register(fixture.Upstream.Level0V3ServiceId);
        var png = await host.Client.GetOkAsync($"/iiif/image/{l0.Key}/150,150,300,200/300,200/0/default.png");
        Assert.Equal((300, 200), GridImage.SizeOf(png));
        Assert.True(GridImage.Close(GridImage.Expected(200, 200), GridImage.At(png, 50, 50)));
    }
}

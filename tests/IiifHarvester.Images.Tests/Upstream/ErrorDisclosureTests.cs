using System.Net;
using IiifHarvester.Images.Tests.Fixtures;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Xunit;

namespace IiifHarvester.Images.Tests.Upstream;

/// <summary>An upstream failure is told to the client without the upstream's address: that stays in our logs.</summary>
public sealed class ErrorDisclosureTests
{
    [Fact]
    public async Task UpstreamRedirectLoop_502BodyDoesNotNameTheUpstream()
    {
        using var upstream = new FakeImageService();
        upstream.Server.Given(Request.Create().WithPath("/iiif/img/info.json").UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(302).WithHeader("Location", upstream.ServiceId + "/info.json"));
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(upstream.ServiceId).Key;

        var (status, body) = await host.Client.GetStatusAsync($"/iiif/image/{key}/info.json");

        Assert.Equal(HttpStatusCode.BadGateway, status);
        var address = new Uri(upstream.ServiceId);
        Assert.DoesNotContain(address.Authority, body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(address.AbsolutePath, body, StringComparison.Ordinal);
        Assert.DoesNotContain(upstream.Server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), body, StringComparison.Ordinal);
    }
}

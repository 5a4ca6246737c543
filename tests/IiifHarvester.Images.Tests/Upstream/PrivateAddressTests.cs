using System.Net;
using IiifHarvester.Crawling.Addresses;
using IiifHarvester.Images.Tests.Fixtures;
using IiifHarvester.TestUtilities.Institutions;
using Xunit;

namespace IiifHarvester.Images.Tests.Upstream;

/// <summary>
/// Server-side request forgery through the proxy: a manifest of a source that does not allow private networks names an
/// image service on a loopback address, directly or behind a redirect. The proxy's connections to institutions are the
/// crawler's guarded ones, so no connection to the address is ever made. 127.0.0.2 plays the internet where a test
/// needs one (the address rule is built to allow it), as in the crawler's <c>RedirectGuardTests</c>.
/// </summary>
public sealed class PrivateAddressTests
{
    private static readonly IPAddress Outside = IPAddress.Parse("127.0.0.2");

    private static readonly AddressPolicy OutsideIsPublic = new(a => !a.Equals(Outside) && AddressRules.IsRestricted(a));

    [Theory]
    [InlineData("info.json")]
    [InlineData("full/max/0/default.jpg")]
    public async Task ServiceOnLoopback_SourceWithoutPrivateNetworks_403AndNoConnection(string path)
    {
        using var inside = RawHttpServer.Fixed("HTTP/1.1 200 OK\r\nContent-Type: image/jpeg", [1, 2, 3]);
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(inside.BaseUri + "iiif/img", allowPrivateNetworks: false).Key;

        var (status, _) = await host.Client.GetStatusAsync($"/iiif/image/{key}/{path}");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(0, inside.Connections);
    }

    [Fact]
    public async Task PublicServiceRedirectsToLoopback_SourceWithoutPrivateNetworks_403AndNoConnectionInside()
    {
        using var inside = RawHttpServer.Fixed("HTTP/1.1 200 OK\r\nContent-Type: application/json", "{}"u8.ToArray());
        using var outside = RawHttpServer.Redirect($"http://localhost:{inside.BaseUri.Port}/iiif/img/info.json", Outside);
        await using var host = await ImageProxyHost.StartAsync(addresses: OutsideIsPublic);

        // Both hosts are the source's: what refuses the hop is the address rule, not the host allow-list.
        var key = host.Registry.Register(outside.BaseUri + "iiif/img", "test", [outside.BaseUri.Authority, $"localhost:{inside.BaseUri.Port}"]).Key;
        var (status, _) = await host.Client.GetStatusAsync($"/iiif/image/{key}/info.json");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(1, outside.Connections);
        Assert.Equal(0, inside.Connections);
    }

    [Fact]
    public async Task PublicServiceRedirectsToLoopback_SourceAllowingPrivateNetworks_Followed()
    {
        // The control: the same redirect is followed for a source that may reach private networks.
        using var inside = RawHttpServer.Fixed("HTTP/1.1 200 OK\r\nContent-Type: application/json", "{}"u8.ToArray());
        using var outside = RawHttpServer.Redirect($"http://localhost:{inside.BaseUri.Port}/iiif/img/info.json", Outside);
        await using var host = await ImageProxyHost.StartAsync(addresses: OutsideIsPublic);

        var key = host.Registry.Register(outside.BaseUri + "iiif/img", "test", [outside.BaseUri.Authority, $"localhost:{inside.BaseUri.Port}"], allowPrivateNetworks: true).Key;
        await host.Client.GetStatusAsync($"/iiif/image/{key}/info.json");

        Assert.Equal(1, inside.Connections);
    }
}

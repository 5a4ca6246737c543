using System.Net;
using IiifHarvester.Crawling.Addresses;
using IiifHarvester.Crawling.Fetching;
using IiifHarvester.TestUtilities.Institutions;
using Xunit;

namespace IiifHarvester.Crawling.Tests.Addresses;

public sealed class AddressRulesTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("2002:7f00:1::")]
    public void IsRestricted_InwardAddress_True(string address) =>
        Assert.True(AddressRules.IsRestricted(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("93.184.216.34")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("::ffff:8.8.8.8")]
    public void IsRestricted_PublicAddress_False(string address) =>
        Assert.False(AddressRules.IsRestricted(IPAddress.Parse(address)));

    [Theory]
    [InlineData("http://127.0.0.1:{port}/manifests/0.json")]
    [InlineData("http://10.0.0.1/manifest.json")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[::1]:{port}/manifests/0.json")]
    [InlineData("http://[::ffff:127.0.0.1]:{port}/manifests/0.json")]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://example.org/manifest.json")]
    public async Task Fetch_DefaultPolicy_RefusesBeforeConnecting(string template)
    {
        using var institution = WireMockInstitution.Create().WithManifests(1).Build();
        using var host = new CrawlerHost();
        var uri = new Uri(template.Replace("{port}", institution.Server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        var result = await host.FetchAsync(uri, FetchPolicy.Default);

        Assert.Equal(FetchStatus.Blocked, result.Status);
        Assert.Equal(0, result.Attempts);
        Assert.False(result.MeansDeleted);
        Assert.Equal(0, institution.TotalRequests);
    }

    [Fact]
    public async Task Fetch_HostnameResolvingToLoopback_IsRefusedAtConnect()
    {
        using var institution = WireMockInstitution.Create().WithManifests(1).Build();
        using var host = new CrawlerHost();
        var uri = new Uri($"http://localhost:{institution.Server.Port}/manifests/0.json");

        var refused = await host.FetchAsync(uri, FetchPolicy.Default with { RespectRobotsTxt = false });
        var allowed = await host.FetchAsync(uri, CrawlerHost.Loopback);

        Assert.Equal(FetchStatus.Blocked, refused.Status);
        Assert.Contains("refused addresses", refused.Error, StringComparison.Ordinal);
        Assert.Equal(FetchStatus.Ok, allowed.Status);
        Assert.Equal(1, institution.RequestCount("/manifests/0.json"));
    }
}

using System.Globalization;
using System.Net;
using IiifHarvester.Crawling.Addresses;
using IiifHarvester.Crawling.Fetching;
using IiifHarvester.TestUtilities.Institutions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace IiifHarvester.Crawling.Tests.Addresses;

/// <summary>
/// A hostile "public" institution redirecting the crawler inward. 127.0.0.2 plays the internet (the fetcher is built
/// with rules that allow it), 127.0.0.1 (where WireMock listens, and where <c>localhost</c> resolves) plays the inside.
/// </summary>
public sealed class RedirectGuardTests : IDisposable
{
    private static readonly IPAddress Outside = IPAddress.Parse("127.0.0.2");

    private static readonly FetchPolicy Public = FetchPolicy.Default with { RespectRobotsTxt = false, RequestsPerSecond = 0 };

    private readonly WireMockInstitution _inside = WireMockInstitution.Create().WithManifests(1).Build();
    private readonly IiifFetcher _fetcher = new(
        Options.Create(new CrawlingOptions { MaxRetries = 0, ContactUrl = "https://example.org/harvester" }),
        TimeProvider.System,
        NullLogger<IiifFetcher>.Instance,
        address => !address.Equals(Outside) && AddressRules.IsRestricted(address));

    public void Dispose()
    {
        _fetcher.Dispose();
        _inside.Dispose();
    }

    [Theory]
    [InlineData("http://127.0.0.1:{port}/manifests/0.json", "loopback")]
    [InlineData("http://localhost:{port}/manifests/0.json", "refused addresses")]
    [InlineData("http://[::ffff:127.0.0.1]:{port}/manifests/0.json", "loopback")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "link-local")]
    public async Task Fetch_PublicHostRedirectsInward_IsBlockedAndNothingInsideIsAsked(string target, string reason)
    {
        using var outside = RawHttpServer.Redirect(target.Replace("{port}", _inside.Server.Port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal), Outside);

        var result = await _fetcher.FetchAsync(new FetchRequest(new Uri(outside.BaseUri, "/manifest.json"), Public), CancellationToken.None);

        Assert.Equal(FetchStatus.Blocked, result.Status);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
        Assert.False(result.MeansDeleted);
        Assert.Equal(1, outside.Connections);
        Assert.Equal(0, _inside.TotalRequests);
    }

    [Fact]
    public async Task Fetch_PublicHostRedirectsInward_SourceAllowingPrivateNetworks_FollowsIt()
    {
        using var outside = RawHttpServer.Redirect($"http://localhost:{_inside.Server.Port}/manifests/0.json", Outside);

        var result = await _fetcher.FetchAsync(new FetchRequest(new Uri(outside.BaseUri, "/manifest.json"), Public with { AllowPrivateNetworks = true }), CancellationToken.None);

        Assert.Equal(FetchStatus.Ok, result.Status);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(1, _inside.RequestCount("/manifests/0.json"));
    }

    [Fact]
    public async Task Fetch_OutsideAddress_IsFetchedUnderTheDefaultPolicy()
    {
        // The control: the rules built for this test do let the "public" address through.
        using var outsideOnTwo = RawHttpServer.Redirect("/elsewhere.json", Outside, status: 404);

        var result = await _fetcher.FetchAsync(new FetchRequest(new Uri(outsideOnTwo.BaseUri, "/manifest.json"), Public), CancellationToken.None);

        Assert.Equal(FetchStatus.NotFound, result.Status);
        Assert.Equal(1, outsideOnTwo.Connections);
    }
}

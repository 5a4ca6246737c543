using IiifHarvester.Crawling.Fetching;
using IiifHarvester.TestUtilities.Institutions;
using Xunit;

namespace IiifHarvester.Crawling.Tests.Fetching;

/// <summary>
/// A source's configured headers (an API key) go to the host they were configured for only: two WireMock servers on
/// two ports are two hosts, and the first redirects to the second.
/// </summary>
public sealed class CredentialScopeTests : IDisposable
{
    private const string KeyHeader = "X-Api-Key";

    private readonly WireMockInstitution _configured = WireMockInstitution.Create().WithManifests(2).Build();
    private readonly WireMockInstitution _other = WireMockInstitution.Create().WithManifests(2).Build();
    private readonly CrawlerHost _host = new();

    public void Dispose()
    {
        _host.Dispose();
        _configured.Dispose();
        _other.Dispose();
    }

    private FetchPolicy Policy => CrawlerHost.Loopback with
    {
        Headers = new Dictionary<string, string> { [KeyHeader] = "secret" },
        HeaderHosts = new HashSet<string> { FetchPolicy.HostOf(_configured.StreamUri) },
    };

    [Fact]
    public async Task Fetch_CrossHostRedirect_SendsTheHeadersToTheConfiguredHostOnly()
    {
        _configured.SetFault("/manifests/1.json", InstitutionFault.RedirectTo(_other.ManifestUri(1).AbsoluteUri));

        var result = await _host.FetchAsync(_configured.ManifestUri(1), Policy);

        Assert.Equal(FetchStatus.Ok, result.Status);
        Assert.Equal(_other.ManifestUri(1), result.FinalUri);
        Assert.Equal(["secret"], KeysSent(_configured, "/manifests/1.json"));
        Assert.Equal([null], KeysSent(_other, "/manifests/1.json"));
        Assert.All(_other.Server.LogEntries, e => Assert.False(e.RequestMessage!.Headers?.ContainsKey(KeyHeader) ?? false));
    }

    [Fact]
    public async Task Fetch_DocumentOnAnotherHost_GoesWithoutTheHeaders()
    {
        // A stream on the configured host may list documents elsewhere: they are fetched, but the key stays home.
        var elsewhere = await _host.FetchAsync(_other.ManifestUri(0), Policy);
        var home = await _host.FetchAsync(_configured.ManifestUri(0), Policy);

        Assert.Equal(FetchStatus.Ok, elsewhere.Status);
        Assert.Equal(FetchStatus.Ok, home.Status);
        Assert.Equal([null], KeysSent(_other, "/manifests/0.json"));
        Assert.Equal(["secret"], KeysSent(_configured, "/manifests/0.json"));
    }

    [Fact]
    public void MaySendHeadersTo_HttpsDowngradeOrUpgrade_KeepsThemOffPlainHttpOnly()
    {
        var policy = FetchPolicy.Default with
        {
            Headers = new Dictionary<string, string> { [KeyHeader] = "secret" },
            HeaderHosts = new HashSet<string> { FetchPolicy.HostOf(new Uri("http://iiif.example.org/")), FetchPolicy.HostOf(new Uri("https://api.example.org/")) },
        };

        Assert.True(policy.MaySendHeadersTo(new Uri("https://iiif.example.org/m"), new Uri("http://iiif.example.org/m")));
        Assert.False(policy.MaySendHeadersTo(new Uri("http://api.example.org/m"), new Uri("https://api.example.org/m")));
        Assert.False(policy.MaySendHeadersTo(new Uri("https://evil.example.net/m"), new Uri("https://api.example.org/m")));
        Assert.True(policy.MaySendHeadersTo(new Uri("https://api.example.org/x"), new Uri("https://api.example.org/m")));
    }

    private static List<string?> KeysSent(WireMockInstitution institution, string path) =>
        institution.Server.LogEntries
            .Where(e => e.RequestMessage?.Path == path)
            .Select(e => e.RequestMessage!.Headers is { } h && h.TryGetValue(KeyHeader, out var v) ? string.Join(",", v) : null)
            .ToList();
}

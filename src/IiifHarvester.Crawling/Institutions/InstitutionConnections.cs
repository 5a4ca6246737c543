using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using IiifHarvester.Crawling.Addresses;
using IiifHarvester.Crawling.Fetching;
using IiifHarvester.Crawling.Politeness;
using Microsoft.Extensions.Options;

namespace IiifHarvester.Crawling.Institutions;

/// <summary>
/// The connections to institutions every caller shares (crawler, OCR fetch, image proxy): two guarded handlers (one for
/// sources allowed to reach private networks, so their pooled connections are never reused for a source that is not),
/// the per-host gates, and the User-Agent. Nothing else in the process opens a connection to an institution.
/// </summary>
internal sealed class InstitutionConnections : IDisposable
{
    private readonly HttpClient _publicClient;
    private readonly HttpClient _privateClient;
    private readonly ConcurrentDictionary<string, HostGate> _gates = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private readonly ISharedHostPace? _sharedPace;

    public InstitutionConnections(IOptions<CrawlingOptions> options, TimeProvider timeProvider, AddressPolicy addresses, ISharedHostPace? sharedPace = null)
    {
        _sharedPace = sharedPace;
        var value = options.Value;
        IsRestricted = addresses.IsRestricted;
        UserAgent = value.UserAgent;
        _timeProvider = timeProvider;
        _publicClient = CreateClient(value, allowPrivateNetworks: false, IsRestricted);
        _privateClient = CreateClient(value, allowPrivateNetworks: true, IsRestricted);
    }

    /// <summary>The address rule every connection is checked against.</summary>
    public Func<IPAddress, bool> IsRestricted { get; }

    /// <summary>The User-Agent sent on every request.</summary>
    public string UserAgent { get; }

    /// <summary>The client for a source that allows, or does not allow, private networks.</summary>
    public HttpClient ClientFor(bool allowPrivateNetworks) => allowPrivateNetworks ? _privateClient : _publicClient;

    /// <summary>
    /// The politeness gate of one host (<paramref name="hostKey"/> from <see cref="HostKey.Of(Uri)"/>, optionally with a
    /// lane suffix), pacing with the cluster's other nodes through the registered <see cref="ISharedHostPace"/>, if any.
    /// </summary>
    public HostGate GateFor(string hostKey) => _gates.GetOrAdd(hostKey, static (key, self) => new HostGate(self._timeProvider, key, self._sharedPace), this);

    /// <summary>
    /// Why <paramref name="uri"/> may not be fetched before any connection is tried (not absolute, not http(s), a literal
    /// refused address), or null. Names are checked on their resolved addresses when connecting.
    /// </summary>
    public string? BlockedReason(Uri uri, bool allowPrivateNetworks)
    {
        if (!uri.IsAbsoluteUri)
        {
            return $"'{uri}' is not an absolute URI";
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            return $"scheme '{uri.Scheme}' is not http or https";
        }

        if (!allowPrivateNetworks && uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            && IPAddress.TryParse(uri.DnsSafeHost, out var address) && IsRestricted(address))
        {
            return $"address {address} is loopback, private, link-local or reserved; the source does not allow private networks";
        }

        return null;
    }

    public void Dispose()
    {
        _publicClient.Dispose();
        _privateClient.Dispose();
    }

    private static HttpClient CreateClient(CrawlingOptions options, bool allowPrivateNetworks, Func<IPAddress, bool> isRestricted)
    {
        var handler = new SocketsHttpHandler
        {
            // Redirects are followed and bodies decompressed by the callers: each hop is checked, expanded sizes are capped.
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,

            // A proxy would make the proxy's address the one checked, and let it reach inside for us.
            UseProxy = false,
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionLifetime = options.PooledConnectionLifetime,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ConnectCallback = GuardedConnector.Create(allowPrivateNetworks, isRestricted),

            // Our trace ids are no business of the institutions we harvest.
            ActivityHeadersPropagator = DistributedContextPropagator.CreateNoOutputPropagator(),
        };
        return new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }
}

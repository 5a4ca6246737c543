namespace IiifHarvester.Web.Tests.Edge;

/// <summary>
/// A request that names an origin other than the test server's: its own Host header and the forwarded headers a
/// proxy in front of us would add (which the forwarded-headers middleware applies: a test server's request has no
/// remote address, and a first hop without one is trusted as loopback is).
/// </summary>
public static class ForeignOrigin
{
    public const string Host = "host.other.example";

    public const string ForwardedHost = "proxy.other.example";

    public const string ForwardedPrefix = "/forwarded-prefix";

    /// <summary>A GET of <paramref name="path"/> with the Host header only, or with the forwarded headers too.</summary>
    public static HttpRequestMessage Get(string path, bool forwarded = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = Host;
        if (forwarded)
        {
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-Host", ForwardedHost);
            request.Headers.Add("X-Forwarded-Prefix", ForwardedPrefix);
        }

        return request;
    }

    /// <summary>The origin the forwarded headers of <see cref="Get"/> describe.</summary>
    public static string Forwarded => $"https://{ForwardedHost}{ForwardedPrefix}";

    /// <summary>Whether <paramref name="text"/> names any part of the foreign origin.</summary>
    public static bool Leaks(string text) =>
        text.Contains(Host, StringComparison.Ordinal) || text.Contains(ForwardedHost, StringComparison.Ordinal) || text.Contains(ForwardedPrefix, StringComparison.Ordinal);
}

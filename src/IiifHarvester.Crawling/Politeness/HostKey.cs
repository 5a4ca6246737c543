namespace IiifHarvester.Crawling.Politeness;

/// <summary>The key politeness is kept under: host and port, case-insensitive, whatever the scheme.</summary>
internal static class HostKey
{
    public static string Of(Uri uri) => string.Concat(uri.IdnHost.ToLowerInvariant(), ":", uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

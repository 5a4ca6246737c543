using Microsoft.AspNetCore.Http;

namespace IiifHarvester.Images.Serving;

/// <summary>
/// The base URL as the client sees it (3.0 §5.2: the id must be the URL the client used): the configured override, else
/// the request's scheme, host and path base with <c>Forwarded</c> (RFC 7239) or <c>X-Forwarded-Proto/Host/Prefix</c>
/// applied when trusted.
/// </summary>
internal static class PublicUrl
{
    public static string BaseFor(HttpRequest request, ImagesOptions options)
    {
        if (!string.IsNullOrEmpty(options.PublicBaseUrl))
        {
            return options.PublicBaseUrl.TrimEnd('/');
        }

        var scheme = request.Scheme;
        var host = request.Host.Value ?? "localhost";
        var prefix = request.PathBase.Value ?? string.Empty;
        if (options.TrustForwardedHeaders)
        {
            var forwarded = request.Headers["Forwarded"].ToString();
            if (forwarded.Length > 0)
            {
                // The first element is the one the client's proxy added.
                var first = forwarded.Split(',')[0];
                foreach (var pair in first.Split(';'))
                {
                    var eq = pair.IndexOf('=', StringComparison.Ordinal);
                    if (eq <= 0)
                    {
                        continue;
                    }

                    var name = pair[..eq].Trim();
                    var value = pair[(eq + 1)..].Trim().Trim('"');
                    if (name.Equals("proto", StringComparison.OrdinalIgnoreCase) && IsScheme(value))
                    {
                        scheme = value;
                    }
                    else if (name.Equals("host", StringComparison.OrdinalIgnoreCase) && IsHost(value))
                    {
                        host = value;
                    }
                }
            }

            if (First(request, "X-Forwarded-Proto") is { } proto && IsScheme(proto))
            {
                scheme = proto;
            }

            if (First(request, "X-Forwarded-Host") is { } fhost && IsHost(fhost))
            {
                host = fhost;
            }

            if (First(request, "X-Forwarded-Prefix") is { } fprefix && fprefix.StartsWith('/') && !fprefix.Contains("//", StringComparison.Ordinal) && fprefix.All(IsPathChar))
            {
                prefix = fprefix.TrimEnd('/');
            }
        }

        return $"{scheme}://{host}{prefix}";
    }

    private static string? First(HttpRequest request, string header)
    {
        var value = request.Headers[header].ToString();
        if (value.Length == 0)
        {
            return null;
        }

        var comma = value.IndexOf(',', StringComparison.Ordinal);
        return (comma >= 0 ? value[..comma] : value).Trim();
    }

    private static bool IsScheme(string value) => value is "http" or "https";

    private static bool IsHost(string value)
        => value.Length is > 0 and < 256 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ':' or '[' or ']');

    private static bool IsPathChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '/' or '-' or '_' or '.' or '~';
}

using Microsoft.AspNetCore.Http;

namespace IiifHarvester.Web.Edge;

/// <summary>
/// Reads the standard <c>Forwarded</c> header (RFC 7239), which ASP.NET's forwarded-headers middleware does not, into
/// the <c>X-Forwarded-Proto</c> and <c>X-Forwarded-Host</c> it does; that middleware, which runs next, then decides
/// whether to trust them (<c>ForwardedHeaders:KnownProxies</c>, loopback). Only the first element (the one the
/// client's proxy added) is read, and only when the <c>X-Forwarded-*</c> headers are absent.
/// </summary>
internal sealed class Rfc7239Forwarded(RequestDelegate next)
{
    private const string ProtoHeader = "X-Forwarded-Proto";
    private const string HostHeader = "X-Forwarded-Host";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Request.Headers;
        var forwarded = headers["Forwarded"].ToString();
        if (forwarded.Length > 0 && !headers.ContainsKey(ProtoHeader) && !headers.ContainsKey(HostHeader))
        {
            foreach (var pair in forwarded.Split(',')[0].Split(';'))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    continue;
                }

                var name = pair[..eq].Trim();
                var value = pair[(eq + 1)..].Trim().Trim('"');
                if (name.Equals("proto", StringComparison.OrdinalIgnoreCase) && value is "http" or "https")
                {
                    headers[ProtoHeader] = value;
                }
                else if (name.Equals("host", StringComparison.OrdinalIgnoreCase) && IsHost(value))
                {
                    headers[HostHeader] = value;
                }
            }
        }

        return next(context);
    }

    private static bool IsHost(string value)
        => value.Length is > 0 and < 256 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ':' or '[' or ']');
}

using Microsoft.AspNetCore.Http;

namespace IiifHarvester.Web;

/// <summary>
/// The scheme, host and path base a request came to (as the forwarded-headers middleware left them), bound as an
/// endpoint parameter: the base of the links that the root description and the Change Discovery stream write.
/// </summary>
/// <param name="Value">For example <c>https://agg.example.org/base</c>.</param>
internal sealed record RequestOrigin(string Value)
{
    /// <summary>Binds the origin of the request (minimal-API custom binding).</summary>
    public static ValueTask<RequestOrigin?> BindAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        return ValueTask.FromResult<RequestOrigin?>(new RequestOrigin($"{request.Scheme}://{request.Host}{request.PathBase}"));
    }
}

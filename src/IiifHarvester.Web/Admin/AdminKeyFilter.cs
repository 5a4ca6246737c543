using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IiifHarvester.Web.Admin;

/// <summary>
/// The one admin-key check of every admin endpoint that changes anything: lets a request through only with
/// <see cref="WebOptions.AdminKey"/> in <c>X-Admin-Key</c>; admin is off without a key.
/// </summary>
internal sealed class AdminKeyFilter : IEndpointFilter
{
    public const string Header = "X-Admin-Key";

    /// <summary>Whether the request carries the configured admin key (false when admin is off).</summary>
    public static bool IsAdmin(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return IsAdmin(context.Request.Headers[Header].ToString(), context.RequestServices.GetRequiredService<IOptions<WebOptions>>().Value);
    }

    /// <summary>Whether <paramref name="given"/> (the <c>X-Admin-Key</c> header, bound by a handler) is the configured admin key.</summary>
    public static bool IsAdmin(string? given, WebOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configured = options.AdminKey;
        return !string.IsNullOrEmpty(configured) && Matches(given ?? string.Empty, configured);
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var configured = context.HttpContext.RequestServices.GetRequiredService<IOptions<WebOptions>>().Value.AdminKey;
        if (string.IsNullOrEmpty(configured))
        {
            return Results.Problem("admin endpoints are disabled: set Web:AdminKey", statusCode: StatusCodes.Status403Forbidden);
        }

        var given = context.HttpContext.Request.Headers[Header].ToString();
        if (!Matches(given, configured))
        {
            return Results.Problem($"a valid {Header} header is required", statusCode: StatusCodes.Status401Unauthorized);
        }

        return await next(context);
    }

    private static bool Matches(string given, string configured) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(configured));
}

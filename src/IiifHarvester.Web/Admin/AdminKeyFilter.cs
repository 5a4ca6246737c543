using System.Security.Cryptography;
using System.Text;
using IiifHarvester.Harvesting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IiifHarvester.Web.Admin;

/// <summary>Lets a request through only with the configured admin key in <c>X-Admin-Key</c>; admin is off without a key.</summary>
internal sealed class AdminKeyFilter : IEndpointFilter
{
    public const string Header = "X-Admin-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var configured = context.HttpContext.RequestServices.GetRequiredService<IOptions<HarvestingOptions>>().Value.AdminKey;
        if (string.IsNullOrEmpty(configured))
        {
            return Results.Problem("admin endpoints are disabled: set Harvesting:AdminKey", statusCode: StatusCodes.Status403Forbidden);
        }

        var given = context.HttpContext.Request.Headers[Header].ToString();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(configured)))
        {
            return Results.Problem($"a valid {Header} header is required", statusCode: StatusCodes.Status401Unauthorized);
        }

        return await next(context);
    }
}

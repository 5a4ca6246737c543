using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace IiifHarvester.Demo;

/// <summary>Serves a <see cref="DemoInstitution"/> over HTTP, as a real institution would: JSON-LD, ETags and 304s, CORS, robots.txt.</summary>
public static class DemoEndpoints
{
    private const string JsonLd = "application/ld+json";

    /// <summary>Maps the institution's documents under <paramref name="prefix"/> (e.g. <c>/demo</c>, or empty).</summary>
    public static IEndpointRouteBuilder MapDemoInstitution(this IEndpointRouteBuilder endpoints, DemoInstitution institution, string prefix = "") =>
        endpoints.MapDemoInstitution(() => institution, prefix);

    /// <summary>
    /// Maps an institution that is known only once the server has bound its port (its ids hold the port):
    /// <paramref name="resolve"/> is called on the first request.
    /// </summary>
    public static IEndpointRouteBuilder MapDemoInstitution(this IEndpointRouteBuilder endpoints, Func<DemoInstitution> resolve, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var state = new Lazy<(DemoInstitution Institution, DemoDocuments Documents, DemoImages Images)>(() =>
        {
            var i = resolve();
            return (i, new DemoDocuments(i), new DemoImages(i));
        });
        var group = endpoints.MapGroup(prefix);
        group.MapGet("/robots.txt", () => Results.Text("User-agent: *\nAllow: /\n"));
        group.MapGet("/activity/all-changes", (Func<HttpContext, Task<IResult>>)(c => Serve(c, state.Value.Institution, state.Value.Documents.Stream())));
        group.MapGet("/activity/page/{page:int}", (HttpContext c, int page) => Serve(c, state.Value.Institution, state.Value.Documents.StreamPage(page)));
        group.MapGet("/collection/top", (Func<HttpContext, Task<IResult>>)(c => Serve(c, state.Value.Institution, state.Value.Documents.TopCollection())));
        group.MapGet("/collection/series/{branch:int}", (HttpContext c, int branch) => Serve(c, state.Value.Institution, state.Value.Documents.Branch(branch)));
        group.MapGet("/collection/box/{leaf:int}", (HttpContext c, int leaf) => Serve(c, state.Value.Institution, state.Value.Documents.Leaf(leaf)));
        group.MapGet("/iiif/{index:int}/manifest", async (HttpContext c, int index) =>
        {
            await state.Value.Institution.ManifestMayBeServedAsync(c.RequestAborted);
            return await Serve(c, state.Value.Institution, state.Value.Documents.Manifest(index), gone: state.Value.Institution.DeletedAt(index) is not null);
        });
        group.MapGet("/iiif/{index:int}/annotations/{canvas:int}", (HttpContext c, int index, int canvas) => Serve(c, state.Value.Institution, state.Value.Documents.Annotations(index, canvas)));
        group.MapGet("/images/{image}", (HttpContext c, string image) => Results.Redirect($"{c.Request.PathBase}{c.Request.Path}/info.json", permanent: false, preserveMethod: false));
        group.MapGet("/images/{image}/info.json", (HttpContext c, string image) => Serve(c, state.Value.Institution, ImageIndex(image) is { } i ? state.Value.Images.Info(i) : null));
        group.MapGet("/images/{image}/{region}/{size}/{rotation}/{quality}", (HttpContext c, string image, string region, string size, string rotation, string quality) =>
            Serve(c, state.Value.Institution, ImageIndex(image) is { } i ? state.Value.Images.Render(i, region, size, rotation, quality) : null, contentType: "image/jpeg"));
        return endpoints;
    }

    private static int? ImageIndex(string name) =>
        name.StartsWith("img", StringComparison.Ordinal) && int.TryParse(name.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : null;

    private static async Task<IResult> Serve(HttpContext context, DemoInstitution institution, byte[]? body, bool gone = false, string contentType = JsonLd)
    {
        if (institution.Options.Latency > TimeSpan.Zero)
        {
            // A distant institution's latency is real time, whatever clock the harvester runs on.
            await Task.Delay(institution.Options.Latency, TimeProvider.System, context.RequestAborted);
        }

        institution.Requests.Count(context.Request.Path);
        context.Response.Headers.AccessControlAllowOrigin = "*";
        if (body is null)
        {
            return gone ? Results.StatusCode(StatusCodes.Status410Gone) : Results.NotFound();
        }

        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 8))}\"";
        context.Response.Headers.ETag = etag;
        if (context.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag)))
        {
            institution.Requests.CountNotModified();
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(body, contentType == JsonLd ? $"{JsonLd};profile=\"http://iiif.io/api/presentation/3/context.json\"" : contentType);
    }
}

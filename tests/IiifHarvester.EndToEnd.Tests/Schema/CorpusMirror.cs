using IiifHarvester.TestUtilities.Corpus;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IiifHarvester.EndToEnd.Tests.Schema;

/// <summary>
/// The shared corpus's real documents published again on 127.0.0.1, so the whole host can harvest them without the
/// internet: a document whose id is <c>https://host/path</c> is served at <c>{base}/{site}/https/host/path</c>, and
/// every URL in it is moved the same way (so collections, manifests and annotation lists point at one another here,
/// and whatever they name that the corpus lacks answers 404 here rather than being looked up outside), except the
/// values that name a vocabulary rather than a resource (<c>@context</c>, <c>profile</c>, <c>rights</c>, types,
/// formats, motivations) and descriptive text. Cookbook files are Jekyll templates; they are rendered as iiif.io
/// publishes them (<c>{{ id.url }}</c> the file's URL there, <c>{{ id.path }}</c> its folder). The first path
/// segment names a site: each is an institution publishing the same documents under its own prefix.
/// </summary>
internal sealed class CorpusMirror : IAsyncDisposable
{
    private static readonly string[] Folders = ["presentation2", "presentation3", "collections", "annotations"];

    private readonly WebApplication _app;
    private readonly Dictionary<string, CorpusDocument> _byId;

    private CorpusMirror(WebApplication app, Dictionary<string, CorpusDocument> byId, string baseUrl)
    {
        _app = app;
        _byId = byId;
        BaseUrl = baseUrl;
    }

    /// <summary><c>http://127.0.0.1:port</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>Every corpus document with an http(s) id, first of a repeated id kept.</summary>
    public IReadOnlyCollection<CorpusDocument> Documents => _byId.Values;

    public static async Task<CorpusMirror> StartAsync()
    {
        var byId = new Dictionary<string, CorpusDocument>(StringComparer.Ordinal);
        foreach (var file in Folders.SelectMany(CorpusFiles.InFolder))
        {
            var document = CorpusDocument.Read(file);
            if (document is not null)
            {
                byId.TryAdd(Key(document.Id), document);
            }
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        string? baseUrl = null;
        app.Run(async context =>
        {
            var path = context.Request.Path.Value ?? string.Empty;
            var parts = path.Split('/', 4);
            if (parts.Length == 4 && parts[2] is "http" or "https" && byId.TryGetValue(Key($"{parts[2]}://{parts[3]}{context.Request.QueryString}"), out var found))
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(found.Published($"{baseUrl}/{parts[1]}"), context.RequestAborted);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
        });
        await app.StartAsync();
        baseUrl = app.Urls.First().TrimEnd('/');
        return new CorpusMirror(app, byId, baseUrl);
    }

    /// <summary>Where <paramref name="url"/> is published on the site <paramref name="site"/> here.</summary>
    public string UrlOn(string site, string url) => Moved($"{BaseUrl}/{site}", url);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static string Key(string url)
    {
        var hash = url.IndexOf('#', StringComparison.Ordinal);
        return Uri.UnescapeDataString(hash < 0 ? url : url[..hash]);
    }

    /// <summary><paramref name="url"/> as the site at <paramref name="root"/> publishes it.</summary>
    internal static string Moved(string root, string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        return $"{root}/{url[..scheme]}/{url[(scheme + 3)..]}";
    }

    /// <summary>Whether <paramref name="value"/> is an http(s) URL.</summary>
    internal static bool IsWebUrl(string value) =>
        value.StartsWith("http://", StringComparison.Ordinal) || value.StartsWith("https://", StringComparison.Ordinal);
}

using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using IiifHarvester.Harvesting.Pipeline;
using IiifHarvester.Iiif.Identity;
using IiifHarvester.Sources;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IiifHarvester.EndToEnd.Tests.Schema;

/// <summary>
/// The whole host after harvesting the shared corpus's real documents from a <see cref="CorpusMirror"/>: source
/// <c>corpus</c> (site <c>a</c>) lists every Presentation 2 and 3 manifest and every collection, as an institution's
/// configuration would; source <c>proxied</c> (site <c>b</c>, <c>ProxyImages</c> on) the Presentation 3 manifests.
/// </summary>
public sealed class HarvestedCorpus : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, JsonNode> _served = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _validAsPublished = new(StringComparer.Ordinal);
    private readonly List<string> _errors = [];
    private CorpusMirror _mirror = null!;
    private HostFactory _host = null!;

    internal HttpClient Client { get; private set; } = null!;

    internal IReadOnlyList<CorpusDocument> Presentation3Manifests { get; private set; } = [];

    internal IReadOnlyList<CorpusDocument> Presentation3Collections { get; private set; } = [];

    public async Task InitializeAsync()
    {
        _mirror = await CorpusMirror.StartAsync();
        var documents = _mirror.Documents.OrderBy(d => d.File, StringComparer.Ordinal).ToList();
        var manifests = documents.Where(d => d.Type is "Manifest" or "sc:Manifest").ToList();
        var collections = documents.Where(d => d.Type is "Collection" or "sc:Collection").ToList();
        Presentation3Manifests = [.. manifests.Where(d => d.IsPresentation3)];
        Presentation3Collections = [.. collections.Where(d => d.IsPresentation3)];

        var settings = new Dictionary<string, string?>
        {
            ["Crawling:RetryBaseDelay"] = "00:00:00.010",

            // The corpus names many documents it does not hold (they answer 404 here): each is a logged warning.
            ["Logging:LogLevel:Default"] = "Error",
        };
        AddSource(settings, "corpus", "a", proxyImages: false, manifests, collections);
        AddSource(settings, "proxied", "b", proxyImages: true, Presentation3Manifests, []);
        _host = new HostFactory(settings);
        Client = _host.CreateClient();
        foreach (var source in new[] { "corpus", "proxied" })
        {
            var definition = _host.Services.GetRequiredService<SourceCatalog>().Find(source)!;
            var result = await _host.Services.GetRequiredService<ISourceHarvester>().HarvestAsync(definition, default);
            Assert.False(result.SourceFailed, string.Join('\n', result.Errors));
            _errors.AddRange(result.Errors);
        }
    }

    /// <summary>Where the source on <paramref name="site"/> published <paramref name="document"/>.</summary>
    internal string Published(string site, CorpusDocument document) => _mirror.UrlOn(site, document.Id);

    /// <summary>The document as the source on <paramref name="site"/> published it (what was harvested).</summary>
    internal JsonNode Original(string site, CorpusDocument document) => JsonNode.Parse(document.Published($"{_mirror.BaseUrl}/{site}"))!;

    /// <summary>Whether the document passes the schema as its institution publishes it (the same on every site).</summary>
    internal bool IsValidAsPublished(CorpusDocument document) =>
        _validAsPublished.GetOrAdd(document.File, _ => PresentationSchema.IsValid(JsonNode.Parse(document.Published($"{_mirror.BaseUrl}/a"))!));

    /// <summary>Our copy of what <paramref name="site"/> published as <paramref name="document"/>, with the URL it was read from.</summary>
    internal async Task<(string Url, JsonNode Body)> ReservedAsync(string site, CorpusDocument document)
    {
        var url = $"/iiif/manifests/{ResourceKey.For(Published(site, document))}";
        if (!_served.TryGetValue(url, out var body))
        {
            using var response = await Client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{document.File} published at {Published(site, document)}: {url} answered {(int)response.StatusCode}; the harvests' errors:\n{string.Join('\n', _errors.Where(e => e.Contains(document.Id[(document.Id.IndexOf("://", StringComparison.Ordinal) + 3)..], StringComparison.Ordinal)))}");
            body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            _served[url] = body;
        }

        return (url, body.DeepClone());
    }

    /// <summary>The JSON at <paramref name="url"/> (absolute, ours, or relative).</summary>
    internal async Task<JsonNode> GetJsonAsync(string url)
    {
        using var response = await Client.GetAsync(new Uri(url, UriKind.RelativeOrAbsolute));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await _host.DisposeAsync();
        await _mirror.DisposeAsync();
    }

    private void AddSource(Dictionary<string, string?> settings, string key, string site, bool proxyImages, IReadOnlyList<CorpusDocument> manifests, IReadOnlyList<CorpusDocument> collections)
    {
        settings[$"Sources:{key}:Name"] = $"Corpus ({site})";
        settings[$"Sources:{key}:AllowPrivateNetworks"] = "true";
        settings[$"Sources:{key}:RequestsPerSecond"] = "1000";
        settings[$"Sources:{key}:MaxConcurrency"] = "16";
        settings[$"Sources:{key}:Schedule"] = "0 0 3 * * ?";
        settings[$"Sources:{key}:ProxyImages"] = proxyImages ? "true" : "false";
        for (var i = 0; i < manifests.Count; i++)
        {
            settings[$"Sources:{key}:Manifests:{i}"] = _mirror.UrlOn(site, manifests[i].Id);
        }

        for (var i = 0; i < collections.Count; i++)
        {
            settings[$"Sources:{key}:Collections:{i}"] = _mirror.UrlOn(site, collections[i].Id);
        }
    }
}

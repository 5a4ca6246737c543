using System.Text;
using IiifHarvester.Web.Manifests;
using IiifHarvester.Web.Search;
using IiifHarvester.Web.Tests.Search;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IiifHarvester.Web.Tests.Manifests;

/// <summary>The re-serving handler called with a bound request, without a server.</summary>
public sealed class ManifestHandlerTests : IAsyncLifetime
{
    private const string V2 = """{"@context":"http://iiif.io/api/presentation/2/context.json","@id":"https://x.example.org/m2","@type":"sc:Manifest","label":"x"}""";
    private SearchApiHost _host = null!;

    public async Task InitializeAsync() => _host = await SearchApiHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task GetAsync_DeletedByItsPublisher_IsNotFoundSayingSo()
    {
        var key = _host.Store.Add("https://x.example.org/gone", Encoding.UTF8.GetBytes("{}"), deleted: true);

        var answer = await ManifestEndpoints.GetAsync(Request(key), Services(), CancellationToken.None);

        var error = Assert.IsType<IiifJsonError>(answer.Result);
        Assert.Equal((404, $"The resource with key '{key}' was deleted by its publisher."), (error.StatusCode, error.Message));
    }

    [Theory]
    [InlineData(null, "application/json")]
    [InlineData("application/ld+json", "application/ld+json;profile=\"http://iiif.io/api/presentation/2/context.json\"")]
    public async Task GetAsync_V2Manifest_IsJsonUnlessJsonLdIsAsked(string? accept, string contentType)
    {
        var key = _host.Store.Add("https://x.example.org/m2", Encoding.UTF8.GetBytes(V2));

        var answer = await ManifestEndpoints.GetAsync(Request(key, accept), Services(), CancellationToken.None);

        var ok = Assert.IsType<IiifJsonResult>(answer.Result);
        Assert.Equal(contentType, ok.ContentType);
        Assert.Contains($"\"https://agg.example/iiif/manifests/{key}\"", Encoding.UTF8.GetString(ok.Body().Span), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_IfNoneMatchOfOurCopy_IsNotModified()
    {
        var key = _host.Store.Add("https://x.example.org/m2", Encoding.UTF8.GetBytes(V2));
        var first = Assert.IsType<IiifJsonResult>((await ManifestEndpoints.GetAsync(Request(key), Services(), CancellationToken.None)).Result);

        var again = await ManifestEndpoints.GetAsync(Request(key, ifNoneMatch: first.ETag), Services(), CancellationToken.None);

        Assert.Equal(first.ETag, Assert.IsType<IiifNotModified>(again.Result).ETag);
    }

    private static ManifestRequest Request(string key, string? accept = null, string? ifNoneMatch = null) =>
        new(key, PublicUrls.For("https://agg.example"), accept, ifNoneMatch);

    private ManifestServices Services() => ActivatorUtilities.CreateInstance<ManifestServices>(_host.Services);
}

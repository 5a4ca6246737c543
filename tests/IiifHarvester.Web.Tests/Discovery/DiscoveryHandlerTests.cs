using System.Text;
using IiifHarvester.Web.Discovery;
using IiifHarvester.Web.Tests.Search;
using Microsoft.AspNetCore.Http.HttpResults;
using Xunit;

namespace IiifHarvester.Web.Tests.Discovery;

/// <summary>The Change Discovery handlers called with a bound request, without a server.</summary>
public sealed class DiscoveryHandlerTests
{
    private static readonly PublicUrls Urls = PublicUrls.For("https://agg.example/base");

    [Fact]
    public async Task GetPageAsync_BeyondTheLast_IsNotFoundNamingThePages()
    {
        var store = new FakeDocumentStore();
        store.Add("https://x.example.org/m", Encoding.UTF8.GetBytes("{}"));

        var answer = await DiscoveryEndpoints.GetPageAsync(new DiscoveryRequest(Urls, null), 5, store, CancellationToken.None);

        var notFound = Assert.IsType<NotFound<DiscoveryPageNotFound>>(answer.Result);
        Assert.Equal("page 5 does not exist; pages run from 0 to 0", notFound.Value!.Error);
    }

    [Theory]
    [InlineData(null, "application/ld+json;profile=\"http://iiif.io/api/discovery/1/context.json\"")]
    [InlineData("application/json", "application/json")]
    public async Task GetCollectionAsync_Accept_ChoosesJsonLdOrJsonWithIdsUnderOurUrls(string? accept, string contentType)
    {
        var answer = await DiscoveryEndpoints.GetCollectionAsync(new DiscoveryRequest(Urls, accept), new FakeDocumentStore(), CancellationToken.None);

        Assert.Equal(contentType, answer.ContentType);
        Assert.Equal("https://agg.example/base/iiif/discovery/changes", answer.Body["id"]);
    }
}

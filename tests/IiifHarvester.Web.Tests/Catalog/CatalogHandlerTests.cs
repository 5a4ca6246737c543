using IiifHarvester.Web.Catalog;
using IiifHarvester.Web.Search;
using IiifHarvester.Web.Tests.Search;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IiifHarvester.Web.Tests.Catalog;

/// <summary>The catalog handlers called with a bound request, without a server.</summary>
public sealed class CatalogHandlerTests : IAsyncLifetime
{
    private SearchApiHost _host = null!;

    public async Task InitializeAsync() => _host = await SearchApiHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public void GetJson_PageNotANumber_IsBadRequestSayingWhatAPageIs()
    {
        var error = Assert.IsType<IiifJsonError>(CatalogEndpoints.GetJson(Request("?q=bird&page=two"), Services()).Result);

        Assert.Equal((400, "The page 'two' is not a page number (1, 2, ...)."), (error.StatusCode, error.Message));
    }

    [Fact]
    public void GetJson_PageBeyondTheLast_IsNotFoundNamingTheLastPage()
    {
        var error = Assert.IsType<IiifJsonError>(CatalogEndpoints.GetJson(Request("?page=999"), Services()).Result);

        Assert.Equal(404, error.StatusCode);
        Assert.StartsWith("Page 999 is beyond the last page (1) of ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "application/ld+json;profile=\"http://iiif.io/api/presentation/3/context.json\"")]
    [InlineData("application/json", "application/json")]
    public void GetCollection_Accept_ChoosesJsonLdOrJson(string? accept, string contentType)
    {
        var ok = Assert.IsType<IiifJsonResult>(CatalogEndpoints.GetCollection(Request("?q=bird", accept), Services()).Result);

        Assert.Equal(contentType, ok.ContentType);
    }

    [Fact]
    public void GetJson_IfNoneMatchStar_IsNotModified()
    {
        Assert.IsType<IiifNotModified>(CatalogEndpoints.GetJson(Request("?q=bird", ifNoneMatch: "*"), Services()).Result);
    }

    private static CatalogPageRequest Request(string query, string? accept = null, string? ifNoneMatch = null) =>
        new(RequestQuery.Parse(query), PublicUrls.For("https://agg.example"), accept, ifNoneMatch);

    private SearchServices Services() => ActivatorUtilities.CreateInstance<SearchServices>(_host.Services);
}

using System.Text;
using IiifHarvester.Iiif.Identity;
using IiifHarvester.Indexing.Tests.Fixtures;
using IiifHarvester.Web.Search;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IiifHarvester.Web.Tests.Search;

/// <summary>The search handlers called with a bound request, without a server: what they answer, as typed results.</summary>
public sealed class SearchHandlerTests : IAsyncLifetime
{
    private static readonly string BookKey = ResourceKey.For(DemoInstitution.BookUri);
    private static readonly PublicUrls Urls = PublicUrls.For("https://agg.example/");
    private SearchApiHost _host = null!;

    public async Task InitializeAsync() => _host = await SearchApiHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public void Search_PageZero_IsBadRequestSayingWhatAPageIs()
    {
        var answer = SearchEndpoints.Search(Request(2, BookKey, "?q=hand&page=0"), Services());

        var error = Assert.IsType<IiifJsonError>(answer.Result);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("The page '0' is not a page number (1, 2, ...).", error.Message);
    }

    [Fact]
    public void Search_VersionThree_IsNotFoundNamingTheVersions()
    {
        var answer = SearchEndpoints.Search(Request(3, BookKey, "?q=hand"), Services());

        var error = Assert.IsType<IiifJsonError>(answer.Result);
        Assert.Equal((404, "There is no Content Search version 3; use 1 or 2."), (error.StatusCode, error.Message));
    }

    [Fact]
    public void Search_UnknownKey_IsNotFoundNamingTheKey()
    {
        var answer = SearchEndpoints.Search(Request(1, "0123456789abcdef", "?q=hand"), Services());

        var error = Assert.IsType<IiifJsonError>(answer.Result);
        Assert.Equal((404, "No harvested manifest or collection has the key '0123456789abcdef'."), (error.StatusCode, error.Message));
    }

    [Fact]
    public void Search_V2Hit_IsJsonLdWithProfileUnderTheGivenBase()
    {
        var answer = SearchEndpoints.Search(Request(2, BookKey, "?q=hand+is"), Services());

        var ok = Assert.IsType<IiifJsonResult>(answer.Result);
        Assert.Equal("application/ld+json;profile=\"http://iiif.io/api/search/2/context.json\"", ok.ContentType);
        Assert.True(ok.VaryOnAccept);
        Assert.Contains($"\"https://agg.example/iiif/search/2/{BookKey}?q=hand%20is\"", Encoding.UTF8.GetString(ok.Body().Span), StringComparison.Ordinal);
    }

    [Fact]
    public void Search_V1AskedForJsonLd_GetsItWithTheSearch1Profile()
    {
        var answer = SearchEndpoints.Search(Request(1, BookKey, "?q=hand", accept: "application/ld+json"), Services());

        Assert.Equal("application/ld+json;profile=\"http://iiif.io/api/search/1/context.json\"", Assert.IsType<IiifJsonResult>(answer.Result).ContentType);
    }

    [Fact]
    public void Search_IfNoneMatchOfTheCurrentAnswer_IsNotModifiedWithTheSameETag()
    {
        var first = Assert.IsType<IiifJsonResult>(SearchEndpoints.Search(Request(2, BookKey, "?q=hand"), Services()).Result);

        var again = SearchEndpoints.Search(Request(2, BookKey, "?q=hand", ifNoneMatch: "\"other\", " + first.ETag), Services());

        Assert.Equal(first.ETag, Assert.IsType<IiifNotModified>(again.Result).ETag);
    }

    [Fact]
    public void Autocomplete_EmptyPrefix_IsBadRequestAskingForABeginning()
    {
        var answer = SearchEndpoints.Autocomplete(Request(2, PublicUrls.AllKey, "?q=+"), Services());

        var error = Assert.IsType<IiifJsonError>(answer.Result);
        Assert.Equal((400, "The autocomplete query (q) is empty: give the beginning of a word."), (error.StatusCode, error.Message));
    }

    [Fact]
    public void Autocomplete_Terms_AreIdentifiedByTheRequestAsReceived()
    {
        var answer = SearchEndpoints.Autocomplete(Request(2, PublicUrls.AllKey, "?q=bir&min=1"), Services());

        var ok = Assert.IsType<IiifJsonResult>(answer.Result);
        Assert.Contains("\"https://agg.example/iiif/search/2/all/autocomplete?q=bir&min=1\"", Encoding.UTF8.GetString(ok.Body().Span), StringComparison.Ordinal);
    }

    private static SearchRequest Request(int version, string key, string query, string? accept = null, string? ifNoneMatch = null) =>
        new(version, key, RequestQuery.Parse(query), Urls, accept, ifNoneMatch);

    private SearchServices Services() => ActivatorUtilities.CreateInstance<SearchServices>(_host.Services);
}

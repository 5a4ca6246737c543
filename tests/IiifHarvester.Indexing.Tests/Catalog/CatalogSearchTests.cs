using IiifHarvester.Indexing.Catalog;
using IiifHarvester.Indexing.Querying;
using IiifHarvester.Indexing.Tests.Fixtures;
using Xunit;

namespace IiifHarvester.Indexing.Tests.Catalog;

public sealed class CatalogSearchTests : IDisposable
{
    private readonly IndexFixture _fixture = IndexFixture.WithDemo();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void SearchCatalog_NoQuery_ListsEverythingByLabelWithFacets()
    {
        var result = _fixture.Search.SearchCatalog(new CatalogRequest());

        Assert.Equal(5, result.Total);
        Assert.Equal("A Book of Birds", result.Items[0].Label.GetValue());
        Assert.Contains(result.Facets["type"], f => f.Value == "Manifest" && f.Count == 3);
        Assert.Contains(result.Facets["provider"], f => f.Value == "Demo Museum" && f.Count == 2);
        Assert.Contains(result.Facets["language"], f => f.Value == "ja" && f.Count == 1);
    }

    [Fact]
    public void SearchCatalog_WordsAndFilters_Narrow()
    {
        Assert.True(UserQuery.TryParse("北京", 256, 16, out var query, out _));

        var byWord = _fixture.Search.SearchCatalog(new CatalogRequest { Query = query });
        var byProvider = _fixture.Search.SearchCatalog(new CatalogRequest { Providers = ["Demo Museum"], Languages = ["ja"] });

        Assert.Equal(DemoInstitution.ChineseUri, Assert.Single(byWord.Items).Uri);
        Assert.Equal(DemoInstitution.ScrollUri, Assert.Single(byProvider.Items).Uri);
        Assert.Equal(1, byProvider.Facets["type"].Single().Count);
    }

    [Fact]
    public void SearchCatalog_Paging_ReturnsTheRequestedSlice()
    {
        var page2 = _fixture.Search.SearchCatalog(new CatalogRequest { Page = 2, PageSize = 2 });

        Assert.Equal(5, page2.Total);
        Assert.Equal(2, page2.Items.Count);
    }
}

using IiifHarvester.Iiif.Identity;
using IiifHarvester.Indexing.Search;
using IiifHarvester.Indexing.Tests.Fixtures;
using Xunit;

namespace IiifHarvester.Indexing.Tests.Search;

/// <summary><see cref="IContentSearch.FindScope"/>: the search endpoints' key lookup, beside <see cref="IContentSearch.FindByKey"/>.</summary>
public sealed class FindScopeTests : IDisposable
{
    private readonly IndexFixture _fixture = IndexFixture.WithDemo();

    public void Dispose() => _fixture.Dispose();

    [Theory]
    [InlineData(DemoInstitution.BookUri, SearchScopeKind.Manifest)]
    [InlineData(DemoInstitution.ChineseUri, SearchScopeKind.Manifest)]
    [InlineData(DemoInstitution.TopCollectionUri, SearchScopeKind.Collection)]
    [InlineData(DemoInstitution.AsiaCollectionUri, SearchScopeKind.Collection)]
    public void FindScope_KeyOfAResource_IsItsKindAndUriAsFindByKeyGivesThem(string uri, SearchScopeKind kind)
    {
        var key = ResourceKey.For(uri);

        var scope = _fixture.Search.FindScope(key);

        Assert.Equal(new SearchScope(kind, uri), scope);
        Assert.Equal(SearchScope.For(_fixture.Search.FindByKey(key)!), scope);
    }

    [Fact]
    public void FindScope_UnknownKey_IsNull()
    {
        Assert.Null(_fixture.Search.FindScope(ResourceKey.For("https://elsewhere.example/manifest")));
        Assert.Null(_fixture.Search.FindScope("not-a-key"));
    }

    [Fact]
    public void FindScope_DeletedResource_IsNullAndAReindexedOneIsFoundOnce()
    {
        var book = DemoInstitution.All().Single(r => r.Uri == DemoInstitution.BookUri);
        _fixture.Index.Upsert(book);
        _fixture.Index.Commit(10);
        Assert.Equal(new SearchScope(SearchScopeKind.Manifest, DemoInstitution.BookUri), _fixture.Search.FindScope(book.Key));

        _fixture.Index.Delete(DemoInstitution.BookUri);
        _fixture.Index.Commit(11);

        Assert.Null(_fixture.Search.FindScope(book.Key));
        Assert.NotNull(_fixture.Search.FindScope(ResourceKey.For(DemoInstitution.ScrollUri)));
    }
}

using IiifHarvester.Iiif.Model;
using IiifHarvester.Indexing.Querying;
using IiifHarvester.Indexing.Search;
using IiifHarvester.Indexing.Tests.Fixtures;
using Xunit;

namespace IiifHarvester.Indexing.Tests.Search;

public sealed class CollectionScopeTests
{
    private static readonly SearchScope Top = new(SearchScopeKind.Collection, PinnedInstitution.TopCollectionUri);

    private static readonly SearchScope Nested = new(SearchScopeKind.Collection, PinnedInstitution.NestedCollectionUri);

    [Fact]
    public void Search_Collection_FindsTheManifestsInItAtAnyDepthAndNoOthers()
    {
        using var fixture = new IndexFixture();
        PinnedInstitution.IndexInto(fixture.Index);
        var everywhere = Manifests(fixture.Search.Search(Request(SearchScope.All, "the")));
        var inNested = Enumerable.Range(0, PinnedInstitution.Manifests).Where(n => n % 4 == 0).Select(PinnedInstitution.ManifestUri).ToHashSet();
        var inTop = inNested.Concat(new[] { 1, 2, 7 }.Select(PinnedInstitution.ManifestUri)).ToHashSet();

        var top = Manifests(fixture.Search.Search(Request(Top, "the")));
        var nested = Manifests(fixture.Search.Search(Request(Nested, "the")));

        Assert.Equal(everywhere.Where(inTop.Contains).Order(), top.Order());
        Assert.Equal(everywhere.Where(inNested.Contains).Order(), nested.Order());
        Assert.Contains(PinnedInstitution.ManifestUri(4), top);
        Assert.Contains(PinnedInstitution.ManifestUri(7), top);
    }

    [Fact]
    public void Search_Collection_AManifestReindexedOutOfItIsNoLongerFound()
    {
        using var fixture = new IndexFixture();
        PinnedInstitution.IndexInto(fixture.Index);
        var uri = PinnedInstitution.ManifestUri(4);
        Assert.Contains(uri, Manifests(fixture.Search.Search(Request(Top, "the"))));

        fixture.Index.Upsert(PinnedInstitution.All().Single(r => r.Uri == uri) with { ParentCollections = [], Collections = [] });
        fixture.Index.Commit(PinnedInstitution.Commits + 1);

        Assert.DoesNotContain(uri, Manifests(fixture.Search.Search(Request(Top, "the"))));
        Assert.DoesNotContain(uri, Manifests(fixture.Search.Search(Request(Nested, "the"))));
        Assert.Contains(uri, Manifests(fixture.Search.Search(Request(SearchScope.All, "the"))));
    }

    [Fact]
    public void Search_Collection_LeavesOutTheTextOfCollectionsUnderIt()
    {
        using var fixture = new IndexFixture();
        PinnedInstitution.IndexInto(fixture.Index);
        var nested = PinnedInstitution.All().Single(r => r.Uri == PinnedInstitution.NestedCollectionUri);
        var canvas = PinnedInstitution.NestedCollectionUri + "/canvas/1";
        fixture.Index.Upsert(nested with
        {
            Annotations = [DemoInstitution.Transcription(PinnedInstitution.NestedCollectionUri, canvas, "note", "zygote of a collection", "en", new(0, 0, 10, 10))],
        });
        fixture.Index.Commit(PinnedInstitution.Commits + 1);

        var inTop = fixture.Search.Search(Request(Top, "zygote"));
        var everywhere = fixture.Search.Search(Request(SearchScope.All, "zygote"));

        Assert.Equal(0, inTop.Total);
        Assert.Equal(1, everywhere.Total);
    }

    private static HashSet<string> Manifests(ContentSearchResult result) =>
        result.Hits.Select(h => h.Annotation.ManifestUri).ToHashSet(StringComparer.Ordinal);

    private static ContentSearchRequest Request(SearchScope scope, string q)
    {
        Assert.True(UserQuery.TryParse(q, 256, 16, out var query, out var error), error);
        return new ContentSearchRequest { Scope = scope, Query = query, PageSize = 10_000 };
    }
}

using IiifHarvester.Iiif.Model;
using IiifHarvester.Indexing.Querying;
using IiifHarvester.Indexing.Search;
using IiifHarvester.Indexing.Tests.Fixtures;
using Xunit;

namespace IiifHarvester.Indexing.Tests.Search;

public sealed class CollectionScopeTests
{
    private static readonly SearchScope Top = new(SearchScopeKind.Collection, PinnedInstitution.TopCollectionUri);

    [Fact]
    public void Search_CollectionWithMoreManifestsThanTheCap_SpansAtMostThatMany()
    {
        using var capped = new IndexFixture(settings: new Dictionary<string, string?> { ["Indexing:MaxCollectionManifests"] = "3" });
        using var uncapped = new IndexFixture();
        PinnedInstitution.IndexInto(capped.Index);
        PinnedInstitution.IndexInto(uncapped.Index);

        var few = Manifests(capped.Search.Search(Request(Top, "the")));
        var all = Manifests(uncapped.Search.Search(Request(Top, "the")));

        Assert.InRange(few.Count, 1, 3);
        Assert.True(all.Count > 3, $"{all.Count} manifests under the top collection");
        Assert.Subset(all, few);
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
        return new ContentSearchRequest { Scope = scope, Query = query };
    }
}

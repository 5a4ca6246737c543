using IiifHarvester.Indexing.Catalog;
using IiifHarvester.Indexing.Querying;
using IiifHarvester.Indexing.Schema;
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

        // By folded label (ordinal, so Latin before CJK), not the order indexed (book, scroll, chinese, top, asia).
        Assert.Equal(5, result.Total);
        Assert.Equal(
            ["A Book of Birds", "Asia", "Everything", "北京大学藏书", "東京の絵巻"],
            result.Items.Select(i => i.Resource.Label.GetValue()));
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

        Assert.Equal(DemoInstitution.ChineseUri, Assert.Single(byWord.Items).Resource.Uri);
        Assert.Equal(DemoInstitution.ScrollUri, Assert.Single(byProvider.Items).Resource.Uri);
        Assert.Equal(1, byProvider.Facets["type"].Single().Count);
    }

    [Fact]
    public void SearchCatalog_Paging_ReturnsTheRequestedSlice()
    {
        var all = _fixture.Search.SearchCatalog(new CatalogRequest { PageSize = 5 });
        var page2 = _fixture.Search.SearchCatalog(new CatalogRequest { Page = 2, PageSize = 2 });

        Assert.Equal(5, page2.Total);
        Assert.Equal(2, page2.Page);
        Assert.Equal(
            [DemoInstitution.TopCollectionUri, DemoInstitution.ChineseUri],
            page2.Items.Select(i => i.Resource.Uri));
        Assert.Equal(all.Items.Skip(2).Take(2).Select(i => i.Resource.Uri), page2.Items.Select(i => i.Resource.Uri));
    }

    [Fact]
    public void SearchCatalog_WordOnlyInText_FindsTheObjectWithItsHitsAndSnippets()
    {
        var result = _fixture.Search.SearchCatalog(new CatalogRequest { Query = Parse("bush") });

        var item = Assert.Single(result.Items);
        Assert.Equal(DemoInstitution.BookUri, item.Resource.Uri);
        Assert.False(item.MetadataMatched);
        Assert.Equal(2, item.TextHits);
        Assert.Equal(2, item.Snippets.Count);
        var first = item.Snippets[0];
        Assert.Equal("bush", first.Match);
        Assert.Equal(DemoInstitution.Canvas(DemoInstitution.BookUri, 1), first.Annotation.CanvasId);
        Assert.NotNull(first.Annotation.Region);
    }

    [Fact]
    public void SearchCatalog_CjkWordWithoutSpacesInText_FindsTheObject()
    {
        var result = _fixture.Search.SearchCatalog(new CatalogRequest { Query = Parse("歴史") });

        var item = Assert.Single(result.Items);
        Assert.Equal(DemoInstitution.ScrollUri, item.Resource.Uri);
        Assert.Equal(1, item.TextHits);
        Assert.Equal("歴史", item.Snippets[0].Match);
    }

    [Fact]
    public void SearchCatalog_SnippetLimit_KeepsTheCountOfEveryHit()
    {
        var result = _fixture.Search.SearchCatalog(new CatalogRequest { Query = Parse("bush"), Snippets = 1 });

        var item = Assert.Single(result.Items);
        Assert.Equal(2, item.TextHits);
        Assert.Single(item.Snippets);
    }

    [Fact]
    public void SearchCatalog_MetadataAndText_BothCountAndMetadataIsMarked()
    {
        var result = _fixture.Search.SearchCatalog(new CatalogRequest { Query = Parse("birds") });

        var item = Assert.Single(result.Items);
        Assert.True(item.MetadataMatched);
        // English text is stemmed: "bird" and "birds" in the OCR and "bird" in the comment.
        Assert.Equal(3, item.TextHits);
    }

    [Fact]
    public void SearchCatalog_TextKindFilter_CountsOnlyThatKindOfText()
    {
        var all = _fixture.Search.SearchCatalog(new CatalogRequest { Query = Parse("bird") });
        var comments = _fixture.Search.SearchCatalog(new CatalogRequest { Query = Parse("bird"), TextKinds = [TextKinds.Commentary] });
        var none = _fixture.Search.SearchCatalog(new CatalogRequest { Query = Parse("bush"), TextKinds = [TextKinds.Transcription] });

        Assert.Equal(3, Assert.Single(all.Items).TextHits);
        var item = Assert.Single(comments.Items);
        Assert.Equal(1, item.TextHits);
        Assert.Equal("bird", item.Snippets[0].Match);
        Assert.Empty(none.Items);
        Assert.Contains(all.Facets["text"], f => f.Value == TextKinds.Ocr && f.Count == 1);
        Assert.Contains(all.Facets["text"], f => f.Value == TextKinds.Commentary && f.Count == 1);
    }

    [Fact]
    public void SearchCatalog_Facets_CountTextKindsCenturiesAndDecades()
    {
        var result = _fixture.Search.SearchCatalog(new CatalogRequest());

        Assert.Contains(result.Facets["text"], f => f.Value == TextKinds.Transcription && f.Count == 2);
        Assert.Equal([new FacetValue("1800", 1)], result.Facets["century"]);
        Assert.Equal([new FacetValue("1850", 1)], result.Facets["decade"]);
    }

    [Fact]
    public void SearchCatalog_CenturyAndDecadeFilters_NarrowAndBadYearsFindNothing()
    {
        var century = _fixture.Search.SearchCatalog(new CatalogRequest { Centuries = [1800] });
        var decade = _fixture.Search.SearchCatalog(new CatalogRequest { Decades = [1850], Query = Parse("bird") });
        var other = _fixture.Search.SearchCatalog(new CatalogRequest { Centuries = [1400] });
        var bad = _fixture.Search.SearchCatalog(new CatalogRequest { Centuries = [-1], Decades = [123_456] });

        Assert.Equal(DemoInstitution.BookUri, Assert.Single(century.Items).Resource.Uri);
        Assert.Equal(DemoInstitution.BookUri, Assert.Single(decade.Items).Resource.Uri);
        Assert.Empty(other.Items);
        Assert.Equal(0, bad.Total);
    }

    [Fact]
    public void SearchCatalog_FilterOnObjects_AppliesToTextMatches()
    {
        var result = _fixture.Search.SearchCatalog(new CatalogRequest { Query = Parse("京都"), Sources = ["elsewhere"] });
        var kept = _fixture.Search.SearchCatalog(new CatalogRequest { Query = Parse("京都"), Languages = ["ja"] });

        Assert.Equal(0, result.Total);
        Assert.Equal(DemoInstitution.ScrollUri, Assert.Single(kept.Items).Resource.Uri);
    }

    [Fact]
    public void SearchCatalog_SortByDate_PutsDatedObjectsFirstInEitherDirection()
    {
        // Three dated manifests indexed in neither date order (1850, 1700, 1900) nor label order, and the two
        // undated collections after them.
        using var fixture = new IndexFixture();
        var scroll = DemoInstitution.Scroll();
        var chinese = DemoInstitution.Chinese();
        fixture.Index.Upsert(DemoInstitution.Book());
        fixture.Index.Upsert(scroll with { Resource = scroll.Resource with { NavDate = new DateTimeOffset(1700, 1, 1, 0, 0, 0, TimeSpan.Zero) } });
        fixture.Index.Upsert(chinese with { Resource = chinese.Resource with { NavDate = new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero) } });
        fixture.Index.Upsert(DemoInstitution.TopCollection());
        fixture.Index.Upsert(DemoInstitution.AsiaCollection());
        fixture.Index.Commit(5);

        var ascending = fixture.Search.SearchCatalog(new CatalogRequest { Sort = CatalogSort.DateAscending });
        var descending = fixture.Search.SearchCatalog(new CatalogRequest { Sort = CatalogSort.DateDescending });

        Assert.Equal(
            [DemoInstitution.ScrollUri, DemoInstitution.BookUri, DemoInstitution.ChineseUri, DemoInstitution.TopCollectionUri, DemoInstitution.AsiaCollectionUri],
            ascending.Items.Select(i => i.Resource.Uri));
        Assert.Equal(
            [DemoInstitution.ChineseUri, DemoInstitution.BookUri, DemoInstitution.ScrollUri, DemoInstitution.TopCollectionUri, DemoInstitution.AsiaCollectionUri],
            descending.Items.Select(i => i.Resource.Uri));
        Assert.Equal(5, descending.Total);
    }

    [Fact]
    public void SearchCatalog_SortNewest_OrdersByChangeTimeThenSequenceAndReadsBothBack()
    {
        using var fixture = new IndexFixture();
        var noon = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

        // Harvested (fetched) in the opposite order to their changes: fetch time must not decide.
        fixture.Index.Upsert(DemoInstitution.Book() with { ChangeSequence = 7, ChangedAt = noon, HarvestedAt = noon.AddDays(3) });
        fixture.Index.Upsert(DemoInstitution.Scroll() with { ChangeSequence = 9, ChangedAt = noon, HarvestedAt = noon.AddDays(2) });
        fixture.Index.Upsert(DemoInstitution.Chinese() with { ChangeSequence = 4, ChangedAt = noon.AddMinutes(1), HarvestedAt = noon.AddDays(1) });
        fixture.Index.Commit(9);

        var result = fixture.Search.SearchCatalog(new CatalogRequest { Sort = CatalogSort.Newest });

        Assert.Equal(
            [DemoInstitution.ChineseUri, DemoInstitution.ScrollUri, DemoInstitution.BookUri],
            result.Items.Select(i => i.Resource.Uri));
        var book = result.Items[2].Resource;
        Assert.Equal(noon, book.ChangedAt);
        Assert.Equal(7, book.ChangeSequence);
        Assert.Equal(noon.AddDays(3), book.HarvestedAt);
    }

    [Fact]
    public void SearchCatalog_ObjectReindexedInANewSegment_IsCountedByItsNewValuesOnly()
    {
        // Facet values are read once per segment (FacetColumns): the first search reads the first segment's, then the
        // book is indexed again with another provider, language and date, so its old document in that segment is
        // deleted and its new one is in a second segment.
        var before = _fixture.Search.SearchCatalog(new CatalogRequest());
        Assert.Contains(before.Facets["provider"], f => f.Value == "Demo Museum" && f.Count == 2);
        var book = DemoInstitution.Book();
        _fixture.Index.Upsert(book with
        {
            Resource = book.Resource with
            {
                Providers = [new Iiif.Model.Agent { Id = "https://demo.example.org/Other-Library", Label = DemoInstitution.Map("en", "Other Library") }],
                Languages = ["fr"],
                NavDate = new DateTimeOffset(1912, 5, 1, 0, 0, 0, TimeSpan.Zero),
            },
        });
        _fixture.Index.Commit(6);

        var after = _fixture.Search.SearchCatalog(new CatalogRequest());

        Assert.Equal(2, _fixture.Index.GetStatistics().Segments);
        Assert.Equal(before.Total, after.Total);
        Assert.Contains(after.Facets["provider"], f => f.Value == "Other Library" && f.Count == 1);
        Assert.Equal(Count(before, "provider", "Demo Library") - 1, Count(after, "provider", "Demo Library"));
        Assert.Equal(Count(before, "provider", "Demo Museum"), Count(after, "provider", "Demo Museum"));
        Assert.Equal(1, Count(after, "language", "fr"));
        Assert.Equal(Count(before, "language", "en") - 1, Count(after, "language", "en"));
        Assert.Equal(1, Count(after, FacetCounter.Century, "1900"));
        Assert.Equal(Count(before, FacetCounter.Century, "1800") - 1, Count(after, FacetCounter.Century, "1800"));
        Assert.Equal(1, Count(after, FacetCounter.Decade, "1910"));
        Assert.Equal(before.Facets["type"], after.Facets["type"]);
    }

    [Fact]
    public void SearchCatalog_PagePastTheEnd_IsEmptyWithTheTotal()
    {
        var result = _fixture.Search.SearchCatalog(new CatalogRequest { Query = Parse("bush"), Page = 1000 });

        Assert.Equal(1, result.Total);
        Assert.Empty(result.Items);
    }

    private static int Count(CatalogResult result, string facet, string value) =>
        result.Facets[facet].SingleOrDefault(f => f.Value == value)?.Count ?? 0;

    private static UserQuery Parse(string text)
    {
        Assert.True(UserQuery.TryParse(text, 256, 16, out var query, out var error), error);
        return query;
    }
}
